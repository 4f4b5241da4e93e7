package org.orthancalbums.desktop.login;

import static org.orthancalbums.desktop.settings.I18n.t;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** "Log in with the browser", with the address to open by hand when no browser shows up. */
public final class LoginView extends VBox {

    /** The login screen: {@code onChangeServer} goes back to choosing a server. */
    public LoginView(LoginModel model, String serverUrl, Runnable onChangeServer) {
        this(model, serverUrl, t("login.explain"), onChangeServer);
    }

    /** Over the main window when the session ended: says why, and the server stays what it is. */
    public static LoginView again(LoginModel model, String serverUrl) {
        return new LoginView(model, serverUrl, t("login.again"), null);
    }

    private LoginView(LoginModel model, String serverUrl, String explanation, Runnable onChangeServer) {
        Label title = new Label(t("login.title"));
        title.getStyleClass().add("title-2");
        Label server = new Label(serverUrl);
        server.getStyleClass().add("text-muted");
        Label explain = new Label(explanation);
        explain.setWrapText(true);

        Button login = new Button(t("login.button"));
        login.setId("login");
        login.setDefaultButton(true);
        login.getStyleClass().add("accent");
        login.setOnAction(e -> model.logIn());
        Button cancel = new Button(t("login.cancel"));
        cancel.setId("cancelLogin");
        cancel.visibleProperty().bind(model.waitingProperty());
        cancel.setOnAction(e -> model.cancel());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(model.waitingProperty());
        HBox buttons = new HBox(8, login, cancel, spinner);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("loginMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        Label urlHint = new Label(t("login.url"));
        TextField url = new TextField();
        url.setId("loginUrl");
        url.setEditable(false);
        url.textProperty().bind(model.authorizationUrlProperty());
        HBox.setHgrow(url, Priority.ALWAYS);
        Button copy = new Button(t("login.copy"));
        copy.setId("copyLoginUrl");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(url.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        VBox urlBox = new VBox(4, urlHint, new HBox(8, url, copy));
        urlBox.visibleProperty().bind(model.authorizationUrlProperty().isNotEmpty());

        Label keychain = new Label();
        keychain.setWrapText(true);
        keychain.textProperty().bind(model.keychainNoteProperty());
        setSpacing(12);
        setPadding(new Insets(32));
        setMaxWidth(640);
        getChildren().addAll(title, server, explain, buttons, message, urlBox, keychain);
        if (onChangeServer != null) {
            Hyperlink other = new Hyperlink(t("login.changeServer"));
            other.setOnAction(e -> {
                model.cancel();
                onChangeServer.run();
            });
            getChildren().add(other);
        }
    }
}
