package org.orthancalbums.desktop.studies;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.orthancalbums.core.api.SeriesSummary;
import org.orthancalbums.core.api.StudyDetails;
import org.orthancalbums.desktop.DicomText;

/**
 * The right column: what a specialist checks first about the selected study, what can be done with it, and its
 * series with a thumbnail each (as a viewer's series panel shows them).
 */
public final class StudyDetailsView extends ScrollPane {
    private static final double THUMBNAIL = 64;

    /** {@code actions}: what can be done with the selected study (open in 3D Slicer, download…). */
    public StudyDetailsView(StudyDetailsModel model, javafx.scene.Node actions) {
        Label title = new Label(t("details.title"));
        title.getStyleClass().add("title-4");
        Label message = new Label();
        message.setId("detailsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        GridPane facts = facts(model);
        ListView<SeriesSummary> series = seriesList(model);
        VBox.setVgrow(series, Priority.ALWAYS);
        series.setMinHeight(3 * (THUMBNAIL + 12)); // three series at least, however long the facts
        VBox column = new VBox(8, title, message, facts, actions, series);
        column.setPadding(new Insets(8));
        // the column fills the pane, and scrolls as a whole only when a short window cannot hold it
        setContent(column);
        setFitToWidth(true);
        setFitToHeight(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().add("edge-to-edge");
        setPrefWidth(300);
        // nothing selected: the placeholder alone, not empty boxes
        for (javafx.scene.Node part : List.of(facts, actions, series)) {
            part.visibleProperty().bind(model.studyProperty().isNotNull());
            part.managedProperty().bind(part.visibleProperty());
        }
    }

    /** Each series on a line of its own: thumbnail, number, modality, description, image count. */
    private static ListView<SeriesSummary> seriesList(StudyDetailsModel model) {
        ListView<SeriesSummary> list = new ListView<>(model.series());
        list.setId("seriesList");
        Map<String, Image> images = new HashMap<>();
        model.thumbnails().addListener((MapChangeListener<String, byte[]>) change -> {
            if (change.wasAdded()) {
                images.put(change.getKey(), new Image(new ByteArrayInputStream(change.getValueAdded()), THUMBNAIL, THUMBNAIL, true, true));
            } else {
                images.remove(change.getKey());
            }
            list.refresh();
        });
        list.setCellFactory(view -> new ListCell<>() {
            private final ImageView thumbnail = new ImageView();

            {
                thumbnail.setFitWidth(THUMBNAIL);
                thumbnail.setFitHeight(THUMBNAIL);
                thumbnail.setPreserveRatio(true);
                thumbnail.getStyleClass().add("series-thumbnail");
                setGraphicTextGap(8);
                setContentDisplay(ContentDisplay.LEFT);
                setAlignment(Pos.CENTER_LEFT);
                // the whole line, wrapped: a series list that scrolls sideways hides the image counts
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(SeriesSummary s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(t("details.series", s.seriesNumber() == null ? "–" : s.seriesNumber(), s.modality(),
                        s.seriesDescription().isBlank() ? t("details.noDescription") : s.seriesDescription(), s.instanceCount()));
                thumbnail.setImage(images.get(s.seriesInstanceUid()));
                thumbnail.setAccessibleText(getText());
                setGraphic(thumbnail);
            }
        });
        return list;
    }

    /** The study's facts, each on its own labelled line; a line the study has no value for is left out. */
    private static GridPane facts(StudyDetailsModel model) {
        GridPane grid = new GridPane();
        grid.setId("studyFacts");
        grid.setHgap(8);
        grid.setVgap(2);
        ColumnConstraints growing = new ColumnConstraints();
        growing.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), growing);
        record Fact(String id, String key, Function<StudyDetails, String> value) {
        }
        List<Fact> facts = List.of(
                new Fact("factPatient", "studies.col.patientName", d -> DicomText.personName(d.patientName())),
                new Fact("factPatientId", "studies.col.patientId", StudyDetails::patientId),
                new Fact("factBirth", "details.birthDate", StudyDetailsView::birth),
                new Fact("factSex", "details.sex", d -> sex(d.patientSex())),
                new Fact("factDate", "studies.col.date", d -> (DicomText.date(d.studyDate()) + " " + DicomText.time(d.studyTime())).strip()),
                new Fact("factDescription", "studies.col.description", StudyDetails::studyDescription),
                new Fact("factModalities", "studies.col.modalities", d -> String.join(", ", d.modalities())),
                new Fact("factAccession", "details.accession", StudyDetails::accessionNumber),
                new Fact("factReferring", "details.referring", d -> DicomText.personName(d.referringPhysician())),
                new Fact("factInstitution", "details.institution", StudyDetails::institution));
        for (int row = 0; row < facts.size(); row++) {
            Fact fact = facts.get(row);
            Label name = new Label(t(fact.key()));
            name.getStyleClass().addAll("text-muted", "text-small");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label shown = new Label();
            shown.setId(fact.id());
            shown.setWrapText(true);
            shown.setMinHeight(Region.USE_PREF_SIZE); // wraps onto more lines instead of being cut
            shown.textProperty().bind(Bindings.createStringBinding(() -> model.detailsProperty().get() == null ? ""
                    : fact.value().apply(model.detailsProperty().get()), model.detailsProperty()));
            for (Label part : List.of(name, shown)) {
                part.visibleProperty().bind(shown.textProperty().isNotEmpty());
                part.managedProperty().bind(part.visibleProperty());
            }
            grid.addRow(row, name, shown);
        }
        return grid;
    }

    /** "1970-01-01 (47 years at the study)": the age a specialist reads the images with. */
    private static String birth(StudyDetails details) {
        String date = DicomText.date(details.patientBirthDate());
        Integer age = DicomText.age(details.patientBirthDate(), details.studyDate());
        return age == null ? date : t("details.birthAndAge", date, age);
    }

    private static String sex(String dicomSex) {
        return switch (dicomSex) {
            case "M", "F", "O" -> t("details.sex." + dicomSex);
            default -> dicomSex;
        };
    }
}
