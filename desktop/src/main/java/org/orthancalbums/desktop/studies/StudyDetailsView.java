package org.orthancalbums.desktop.studies;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.ByteArrayInputStream;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.orthancalbums.core.api.SeriesSummary;

/** The right column: a thumbnail of the selected study and its series. */
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
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        ListView<SeriesSummary> series = new ListView<>(model.series());
        series.setId("seriesList");
        series.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(SeriesSummary s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : t("details.series", s.seriesNumber() == null ? "–" : s.seriesNumber(),
                        s.modality(), s.seriesDescription().isBlank() ? t("details.noDescription") : s.seriesDescription(), s.instanceCount()));
            }
        });
        VBox.setVgrow(series, Priority.ALWAYS);
        setSpacing(8);
        setPadding(new Insets(8));
        setPrefWidth(260);
        getChildren().addAll(title, preview, actions, message, series);
    }
}
