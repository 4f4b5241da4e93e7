package org.orthancalbums.desktop.login;

import static org.orthancalbums.desktop.settings.I18n.t;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** First screen: asks for the one thing the app needs, the server's address. */
public final class ConnectView extends VBox {

    public ConnectView(ConnectModel model) {
        Label title = new Label(t("app.title"));
        title.setStyle("-fx-font-size: 24px; -fx-font-weight: bold;");
        Label prompt = new Label(t("connect.prompt"));
        TextField url = new TextField();
        url.setId("serverUrl");
        url.setPromptText("https://albums.example.org");
        url.textProperty().bindBidirectional(model.serverUrlProperty());
        url.setOnAction(e -> model.connect());
        HBox.setHgrow(url, Priority.ALWAYS);
        Button connect = new Button(t("connect.button"));
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(model.busyProperty());
        connect.setOnAction(e -> model.connect());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(model.busyProperty());
        Label message = new Label();
        message.setId("connectMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        setSpacing(12);
        setPadding(new Insets(32));
        setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(title, prompt, new HBox(8, url, connect, spinner), message);
    }
}
