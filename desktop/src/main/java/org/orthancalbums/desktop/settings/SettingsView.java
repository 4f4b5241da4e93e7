package org.orthancalbums.desktop.settings;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Settings: the 3D Slicer program (or the newest one found) and the lifetime of the link Slicer gets. */
public final class SettingsView extends VBox {

    public SettingsView(SettingsModel model, Runnable onClose) {
        Label title = new Label(t("settings.title"));
        title.getStyleClass().add("title-3");
        Label slicerTitle = new Label(t("settings.slicer"));
        slicerTitle.getStyleClass().add("title-4");

        TextField program = new TextField();
        program.setId("slicerExecutable");
        program.setPromptText(t("settings.slicer.prompt"));
        program.textProperty().bindBidirectional(model.slicerExecutableProperty());
        HBox.setHgrow(program, Priority.ALWAYS);
        Button choose = new Button(t("download.choose"));
        choose.setId("chooseSlicer");
        choose.setOnAction(e -> {
            File picked = new FileChooser().showOpenDialog(getScene().getWindow());
            if (picked != null) {
                program.setText(picked.getPath());
            }
        });
        HBox programRow = new HBox(8, new Label(t("settings.slicer.program")), program, choose);
        programRow.setAlignment(Pos.CENTER_LEFT);
        Label found = new Label();
        found.setId("slicerFound");
        found.setWrapText(true);
        found.getStyleClass().add("hint");
        found.textProperty().bind(model.foundProperty());

        Spinner<Integer> hours = new Spinner<>(1, SettingsModel.MAX_VIEW_LINK_HOURS, model.viewLinkHoursProperty().get());
        hours.setId("viewLinkHours");
        hours.setEditable(true);
        hours.setPrefWidth(90);
        hours.valueProperty().addListener((o, old, value) -> model.viewLinkHoursProperty().set(value));
        HBox hoursRow = new HBox(8, new Label(t("settings.viewLink")), hours, new Label(t("settings.hours")));
        hoursRow.setAlignment(Pos.CENTER_LEFT);
        Label hoursHint = new Label(t("settings.viewLink.hint"));
        hoursHint.setWrapText(true);
        hoursHint.getStyleClass().add("hint");

        Button save = new Button(t("dialog.save"));
        save.setId("saveSettings");
        save.getStyleClass().add("accent");
        save.setDefaultButton(true);
        save.setOnAction(e -> {
            model.save();
            onClose.run();
        });
        Button cancel = new Button(t("upload.cancel"));
        cancel.setId("cancelSettings");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onClose.run());

        setSpacing(10);
        setPadding(new Insets(16));
        getChildren().addAll(title, slicerTitle, programRow, found, hoursRow, hoursHint, new HBox(8, save, cancel));
    }
}
