package org.orthancalbums.desktop.share;

import static org.orthancalbums.desktop.settings.I18n.t;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.MemberView;
import org.orthancalbums.core.api.UserView;
import org.orthancalbums.desktop.DisplayConverter;

/** The share window: the members with their roles, and a search to add colleagues by name. */
public final class ShareView extends VBox {

    public ShareView(ShareModel model, Runnable onClose) {
        Label title = new Label(t("share.title", model.album().name()));
        title.getStyleClass().add("title-3");
        title.setWrapText(true); // a long album name goes on a second line, not cut

        ListView<MemberView> members = new ListView<>(model.members());
        members.setId("members");
        members.setPrefHeight(180);
        members.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(MemberView member, boolean empty) {
                super.updateItem(member, empty);
                if (empty || member == null) {
                    setGraphic(null);
                    return;
                }
                Label who = new Label(member.name() + " · " + member.email());
                Label role = new Label(t("role." + member.role().name()));
                role.getStyleClass().addAll("role-badge", "role-" + member.role().name().toLowerCase());
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.ALWAYS);
                Button remove = new Button(t("share.remove"));
                remove.setOnAction(e -> model.remove(member));
                HBox row = new HBox(8, who, spacer, role, remove);
                row.setAlignment(Pos.CENTER_LEFT);
                setGraphic(row);
            }
        });

        TextField search = new TextField();
        search.setId("shareSearch");
        search.setPromptText(t("share.search"));
        search.textProperty().addListener((o, old, text) -> model.search(text));
        ListView<UserView> found = new ListView<>(model.found());
        found.setId("shareFound");
        found.setPrefHeight(120);
        found.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(UserView user, boolean empty) {
                super.updateItem(user, empty);
                setText(empty || user == null ? null : user.name() + " (" + user.username() + ") · " + user.email());
            }
        });
        ComboBox<AlbumRole> role = new ComboBox<>();
        role.setId("shareRole");
        role.getItems().setAll(ShareModel.rolesFor(model.album().role()));
        role.setValue(AlbumRole.VIEWER);
        role.setConverter(DisplayConverter.of(r -> t("role." + r.name())));
        // by keyboard: type a name, Down goes into the people found (the first one picked), Tab to the role and Add
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !found.getItems().isEmpty()) {
                found.requestFocus();
                found.getSelectionModel().selectFirst();
                e.consume();
            }
        });
        Button add = new Button(t("share.add"));
        add.setId("shareAdd");
        add.disableProperty().bind(found.getSelectionModel().selectedItemProperty().isNull());
        add.setOnAction(e -> model.share(found.getSelectionModel().getSelectedItem(), role.getValue()));
        HBox addRow = new HBox(8, new Label(t("share.as")), role, add);
        addRow.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("shareMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Button close = new Button(t("upload.close"));
        close.setId("closeShare");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        // the window opens ready to type a colleague's name
        sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                Platform.runLater(search::requestFocus);
            }
        });

        setSpacing(10);
        setPadding(new Insets(16));
        getChildren().addAll(title, new Label(t("share.members")), members, new Label(t("share.addPeople")), search, found, addRow,
                message, close);
    }
}
