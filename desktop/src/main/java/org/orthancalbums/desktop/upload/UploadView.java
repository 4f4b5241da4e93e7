package org.orthancalbums.desktop.upload;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.scan.ScanResult;
import org.orthancalbums.desktop.DicomText;
import org.orthancalbums.desktop.DisplayConverter;
import org.orthancalbums.desktop.Quantities;
import org.orthancalbums.desktop.upload.UploadModel.Stage;

/** The upload window: what was found, which album, progress, and the report. */
public final class UploadView extends VBox {

    public UploadView(UploadModel model, Runnable onClose) {
        Label title = new Label(t("upload.title"));
        title.getStyleClass().add("title-3");

        Label scanning = new Label();
        scanning.setId("uploadScanning");
        scanning.textProperty().bind(Bindings.createStringBinding(() -> t("upload.scanning", model.scannedProperty().get()),
                model.scannedProperty()));
        visibleWhen(scanning, model, Stage.SCANNING);

        Label summary = new Label();
        summary.setId("uploadSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());

        TableView<ScanResult.Study> studies = new TableView<>(model.studies());
        studies.setId("uploadStudies");
        studies.setPrefHeight(180);
        // the short columns as wide as their French headers ("Modalités", "Séries", "Fichiers" were cut)
        studies.getColumns().add(column(t("studies.col.patientName"), s -> DicomText.personName(s.patientName()), 140));
        studies.getColumns().add(column(t("studies.col.date"), s -> DicomText.date(s.studyDate()), 90));
        studies.getColumns().add(column(t("studies.col.description"), ScanResult.Study::description, 130));
        studies.getColumns().add(column(t("studies.col.modalities"), s -> String.join(", ", s.modalities()), 105));
        studies.getColumns().add(column(t("studies.col.series"), ScanResult.Study::seriesCount, 70));
        studies.getColumns().add(column(t("upload.col.files"), ScanResult.Study::fileCount, 80));
        studies.getColumns().add(column(t("upload.col.size"), s -> t("upload.megabytes", Quantities.megabytes(s.bytes())), 75));
        TableColumn<ScanResult.Study, String> status = new TableColumn<>(t("upload.col.status"));
        status.setId("uploadStudyStatus");
        status.setCellValueFactory(cell -> Bindings.valueAt(model.studyStatus(), cell.getValue().studyInstanceUid()));
        status.setPrefWidth(170);
        status.setStyle("-fx-alignment: center-left;"); // on the row's middle line, as the other columns show theirs
        status.visibleProperty().bind(model.stageProperty().isNotEqualTo(Stage.PREVIEW).and(model.stageProperty().isNotEqualTo(Stage.SCANNING)));
        studies.getColumns().add(status);
        studies.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(studies, Priority.ALWAYS);

        ComboBox<AlbumView> album = new ComboBox<>(model.albums());
        album.setId("uploadAlbum");
        album.setPromptText(t("upload.chooseAlbum"));
        album.valueProperty().bindBidirectional(model.albumProperty());
        album.setConverter(DisplayConverter.of(AlbumView::name));
        album.disableProperty().bind(model.stageProperty().isNotEqualTo(Stage.PREVIEW));
        Button start = new Button(t("upload.start"));
        start.setId("startUpload");
        start.getStyleClass().add("accent");
        start.setDefaultButton(true);
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.canStart(), model.stageProperty(), model.albumProperty()));
        start.setOnAction(e -> model.start());
        Label into = new Label(t("upload.into"));
        // a long album name makes the choice wide: the label and the button keep their words ("…" was seen)
        into.setMinWidth(Region.USE_PREF_SIZE);
        start.setMinWidth(Region.USE_PREF_SIZE);
        album.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(album, Priority.ALWAYS);
        HBox target = new HBox(8, into, album, start);
        target.setAlignment(Pos.CENTER_LEFT);
        visibleWhen(target, model, Stage.PREVIEW);

        ProgressBar bar = new ProgressBar();
        bar.setId("uploadProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        Label progressText = new Label();
        progressText.setId("uploadProgressText");
        progressText.setWrapText(true);
        progressText.textProperty().bind(model.progressTextProperty());
        Button pause = new Button(t("upload.pause"));
        pause.setId("pauseUpload");
        pause.setOnAction(e -> model.pause());
        visibleWhen(pause, model, Stage.UPLOADING);
        Button resume = new Button(t("upload.resume"));
        resume.setId("resumeUpload");
        resume.getStyleClass().add("accent");
        resume.setOnAction(e -> model.resume());
        visibleWhen(resume, model, Stage.PAUSED);
        Button cancel = new Button(t("upload.cancel"));
        cancel.setId("cancelUpload");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.stageProperty().isEqualTo(Stage.DONE));
        VBox sending = new VBox(6, bar, progressText, new HBox(8, pause, resume, cancel));
        sending.visibleProperty().bind(model.stageProperty().isEqualTo(Stage.UPLOADING).or(model.stageProperty().isEqualTo(Stage.PAUSED))
                .or(model.stageProperty().isEqualTo(Stage.DONE)));
        sending.managedProperty().bind(sending.visibleProperty());

        Label report = new Label();
        report.setId("uploadReport");
        report.setWrapText(true);
        report.textProperty().bind(model.reportTextProperty());
        Button copy = new Button(t("upload.copyReport"));
        copy.setId("copyReport");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.reportProperty().get().toCsv());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button save = new Button(t("upload.saveReport"));
        save.setId("saveReport");
        save.setOnAction(e -> saveCsv(model));
        Button close = new Button(t("upload.close"));
        close.setId("closeUpload");
        close.cancelButtonProperty().bind(model.reportProperty().isNotNull()); // Escape closes the window once the report shows
        close.setOnAction(e -> onClose.run());
        HBox done = new HBox(8, copy, save, close);
        VBox reportBox = new VBox(6, report, done);
        reportBox.visibleProperty().bind(model.reportProperty().isNotNull());
        reportBox.managedProperty().bind(reportBox.visibleProperty());

        setSpacing(10);
        setPadding(new Insets(16));
        getChildren().addAll(title, scanning, summary, studies, target, sending, reportBox);
    }

    private static void visibleWhen(javafx.scene.Node node, UploadModel model, Stage stage) {
        node.visibleProperty().bind(model.stageProperty().isEqualTo(stage));
        node.managedProperty().bind(node.visibleProperty());
    }

    private void saveCsv(UploadModel model) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("upload-report.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            try {
                Files.writeString(file.toPath(), model.reportProperty().get().toCsv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                model.progressTextProperty().set(t("upload.saveFailed", e.getMessage()));
            }
        }
    }

    private static <T> TableColumn<ScanResult.Study, T> column(String title, Function<ScanResult.Study, T> value, double width) {
        TableColumn<ScanResult.Study, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
