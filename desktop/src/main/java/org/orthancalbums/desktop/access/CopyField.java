package org.orthancalbums.desktop.access;

import static org.orthancalbums.desktop.settings.I18n.t;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A read-only text to select or copy with one click: addresses and keys a person pastes into a tool. */
public final class CopyField extends HBox {
    private final TextField field = new TextField();

    /** {@code id} names the field; its copy button is {@code id + "Copy"}. */
    public CopyField(String id, ObservableStringValue text) {
        field.setId(id);
        field.setEditable(false);
        field.textProperty().bind(text);
        HBox.setHgrow(field, Priority.ALWAYS);
        Button copy = new Button(t("access.copy"));
        copy.setId(id + "Copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(field.getText());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText(t("access.copied"));
        });
        text.addListener((o, old, now) -> copy.setText(t("access.copy")));
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(field, copy);
    }
}
