package org.orthancalbums.desktop.download;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.orthancalbums.desktop.download.DownloadModel.Stage;

/** The download window: where to, in which form, progress with cancel and resume, the report. */
public final class DownloadView extends VBox {

    /** {@code onOpen}: shows the downloaded folder or ZIP in the system's file manager. */
    public DownloadView(DownloadModel model, Consumer<Path> onOpen, Runnable onClose) {
        Label title = new Label(t("download.title", model.request().what()));
        title.getStyleClass().add("title-3");
        title.setWrapText(true);
        Label explain = new Label(t(model.request().wholeAlbum() ? "download.explain.album" : "download.explain.study",
                model.request().wholeAlbum() ? model.request().album().studyCount() : 0));
        explain.setWrapText(true);

        TextField folder = new TextField();
        folder.setId("downloadFolder");
        folder.textProperty().bindBidirectional(model.folderProperty());
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button choose = new Button(t("download.choose"));
        choose.setId("chooseDownloadFolder");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            File current = new File(folder.getText());
            if (current.isDirectory()) {
                chooser.setInitialDirectory(current);
            }
            File picked = chooser.showDialog(getScene().getWindow());
            if (picked != null) {
                folder.setText(picked.getPath());
            }
        });
        HBox where = new HBox(8, new Label(t("download.into")), folder, choose);
        where.setAlignment(Pos.CENTER_LEFT);

        ToggleGroup form = new ToggleGroup();
        RadioButton folders = new RadioButton(t("download.asFolders"));
        folders.setId("downloadAsFolders");
        folders.setToggleGroup(form);
        RadioButton zip = new RadioButton(t("download.asZip"));
        zip.setId("downloadAsZip");
        zip.setToggleGroup(form);
        form.selectToggle(model.zipProperty().get() ? zip : folders);
        zip.selectedProperty().addListener((o, old, selected) -> model.zipProperty().set(selected));
        HBox how = new HBox(16, folders, zip);
        Button start = new Button(t("download.start"));
        start.setId("startDownload");
        start.getStyleClass().add("accent");
        start.setDefaultButton(true);
        start.setOnAction(e -> model.start());
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.canStart(), model.stageProperty(), model.folderProperty()));
        VBox choosing = new VBox(10, where, how, start);
        choosing.disableProperty().bind(model.stageProperty().isEqualTo(Stage.RUNNING));
        visibleUnless(choosing, model, Stage.DONE);

        ProgressBar bar = new ProgressBar(0);
        bar.setId("downloadProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        Label progressText = new Label();
        progressText.setId("downloadProgressText");
        progressText.setWrapText(true);
        progressText.textProperty().bind(model.progressTextProperty());
        Button cancel = new Button(t("upload.cancel"));
        cancel.setId("cancelDownload");
        cancel.setOnAction(e -> model.cancel());
        cancel.visibleProperty().bind(model.stageProperty().isEqualTo(Stage.RUNNING));
        cancel.managedProperty().bind(cancel.visibleProperty());
        Button resume = new Button(t("upload.resume"));
        resume.setId("resumeDownload");
        resume.getStyleClass().add("accent");
        resume.setOnAction(e -> model.start());
        resume.visibleProperty().bind(model.stageProperty().isEqualTo(Stage.STOPPED));
        resume.managedProperty().bind(resume.visibleProperty());
        VBox running = new VBox(6, bar, progressText, new HBox(8, cancel, resume));
        visibleUnless(running, model, Stage.CHOOSING);

        Label report = new Label();
        report.setId("downloadReport");
        report.setWrapText(true);
        report.textProperty().bind(model.reportTextProperty());
        Button open = new Button(t("download.open"));
        open.setId("openDownload");
        open.setOnAction(e -> onOpen.accept(model.reportProperty().get().target()));
        open.visibleProperty().bind(model.reportProperty().isNotNull());
        open.managedProperty().bind(open.visibleProperty());
        Button close = new Button(t("upload.close"));
        close.setId("closeDownload");
        close.setOnAction(e -> onClose.run());

        setSpacing(12);
        setPadding(new Insets(16));
        // the window's own buttons at its bottom right, as in every other window of the app
        Region filler = new Region();
        VBox.setVgrow(filler, Priority.ALWAYS);
        HBox buttons = new HBox(8, open, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(title, explain, choosing, running, report, filler, buttons);
    }

    private static void visibleUnless(Node node, DownloadModel model, Stage stage) {
        node.visibleProperty().bind(model.stageProperty().isNotEqualTo(stage));
        node.managedProperty().bind(node.visibleProperty());
    }
}
