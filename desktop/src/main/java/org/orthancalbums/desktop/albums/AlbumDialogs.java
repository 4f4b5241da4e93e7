package org.orthancalbums.desktop.albums;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.desktop.DisplayConverter;

/** The small dialogs around albums: name and description, confirmations that name what is at stake. */
public final class AlbumDialogs {
    /** What the album dialog returns. */
    public record Details(String name, String description) {
    }

    private AlbumDialogs() {
    }

    public static Optional<Details> askDetails(Window owner, String title, String name, String description) {
        Dialog<Details> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        ButtonType save = new ButtonType(t("dialog.save"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, cancel());
        TextField nameField = new TextField(name);
        nameField.setId("albumNameField");
        nameField.setPromptText(t("album.name.prompt"));
        TextArea descriptionField = new TextArea(description);
        descriptionField.setId("albumDescriptionField");
        descriptionField.setPrefRowCount(3);
        descriptionField.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        Label nameLabel = new Label(t("album.name"));
        Label descriptionLabel = new Label(t("album.description"));
        // the labels keep their words ("De…" was seen for "Description")
        nameLabel.setMinWidth(Region.USE_PREF_SIZE);
        descriptionLabel.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(0, nameLabel, nameField);
        grid.addRow(1, descriptionLabel, descriptionField);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(save).disableProperty()
                .bind(nameField.textProperty().map(text -> text.isBlank() || text.strip().length() > 120));
        dialog.setOnShown(e -> nameField.requestFocus());
        dialog.setResultConverter(button -> button == save ? new Details(nameField.getText().strip(), descriptionField.getText().strip()) : null);
        return dialog.showAndWait();
    }

    /** Cancel in the app's language (JavaFX's own ButtonType.CANCEL follows the computer's). */
    private static ButtonType cancel() {
        return new ButtonType(t("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
    }

    public static boolean confirm(Window owner, String title, String message, String action) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, new ButtonType(action, ButtonBar.ButtonData.OK_DONE), cancel());
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(null);
        return alert.showAndWait().map(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).orElse(false);
    }

    public static Optional<AlbumView> chooseAlbum(Window owner, List<AlbumView> albums) {
        if (albums.isEmpty()) {
            Alert none = new Alert(Alert.AlertType.INFORMATION, t("studies.addTo.none"));
            none.initOwner(owner);
            none.setHeaderText(null);
            none.showAndWait();
            return Optional.empty();
        }
        Dialog<AlbumView> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(t("studies.addTo.title"));
        ComboBox<AlbumView> choice = new ComboBox<>();
        choice.setId("targetAlbum");
        choice.getItems().setAll(albums);
        choice.getSelectionModel().selectFirst();
        choice.setConverter(DisplayConverter.of(AlbumView::name));
        ButtonType add = new ButtonType(t("studies.addTo.add"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(add, cancel());
        dialog.getDialogPane().setContent(new VBox(8, new Label(t("studies.addTo.prompt")), choice));
        dialog.setResultConverter(button -> button == add ? choice.getValue() : null);
        return dialog.showAndWait();
    }
}
