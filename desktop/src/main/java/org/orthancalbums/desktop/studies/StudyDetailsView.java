package org.orthancalbums.desktop.studies;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.orthancalbums.core.api.SeriesSummary;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.DicomText;

/** The right column: what a specialist checks first about the selected study, a thumbnail, and its series. */
public final class StudyDetailsView extends VBox {

    /** {@code actions}: what can be done with the selected study (open in 3D Slicer, download…). */
    public StudyDetailsView(StudyDetailsModel model, javafx.scene.Node actions) {
        Label title = new Label(t("details.title"));
        title.getStyleClass().add("title-4");
        ImageView preview = new ImageView();
        preview.setId("studyPreview");
        preview.setFitWidth(220);
        preview.setFitHeight(220);
        preview.setPreserveRatio(true);
        model.previewProperty().addListener((o, old, png) -> preview.setImage(png == null ? null : new Image(new ByteArrayInputStream(png))));
        Label message = new Label();
        message.setId("detailsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        GridPane facts = facts(model);
        ListView<SeriesSummary> series = new ListView<>(model.series());
        series.setId("seriesList");
        series.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(SeriesSummary s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : t("details.series", s.seriesNumber() == null ? "–" : s.seriesNumber(),
                        s.modality(), s.seriesDescription().isBlank() ? t("details.noDescription") : s.seriesDescription(), s.instanceCount()));
                // the whole line, wrapped: a series list that scrolls sideways hides the image counts
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        VBox.setVgrow(series, Priority.ALWAYS);
        setSpacing(8);
        setPadding(new Insets(8));
        setPrefWidth(260);
        getChildren().addAll(title, message, facts, preview, actions, series);
        // nothing selected: the placeholder alone, not empty boxes
        for (javafx.scene.Node part : List.of(facts, preview, actions, series)) {
            part.visibleProperty().bind(model.studyProperty().isNotNull());
            part.managedProperty().bind(part.visibleProperty());
        }
    }

    /** Patient, ID, date, description and modalities of the selected study, each on its own labelled line. */
    private static GridPane facts(StudyDetailsModel model) {
        GridPane grid = new GridPane();
        grid.setId("studyFacts");
        grid.setHgap(8);
        grid.setVgap(2);
        ColumnConstraints growing = new ColumnConstraints();
        growing.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), growing);
        String[] keys = {"studies.col.patientName", "studies.col.patientId", "studies.col.date", "studies.col.description", "studies.col.modalities"};
        List<Function<StudySummary, String>> values = List.of(s -> DicomText.personName(s.patientName()), StudySummary::patientId,
                s -> DicomText.date(s.studyDate()), StudySummary::studyDescription, s -> String.join(", ", s.modalities()));
        for (int row = 0; row < keys.length; row++) {
            Label name = new Label(t(keys[row]));
            name.getStyleClass().add("text-muted");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Function<StudySummary, String> value = values.get(row);
            Label shown = new Label();
            shown.setId("fact" + row);
            shown.setWrapText(true);
            shown.setMinHeight(Region.USE_PREF_SIZE); // wraps onto more lines instead of being cut
            shown.textProperty().bind(Bindings.createStringBinding(() -> model.studyProperty().get() == null ? ""
                    : value.apply(model.studyProperty().get()), model.studyProperty()));
            grid.addRow(row, name, shown);
        }
        return grid;
    }
}
