package org.orthancalbums.desktop;

import javafx.application.Application;
import javafx.stage.Stage;
import org.orthancalbums.desktop.login.SystemBrowser;
import org.orthancalbums.desktop.settings.AppSettings;

/** The JavaFX application: hands the stage to the wiring. {@code --server=URL} presets the server. */
public class AlbumsApp extends Application {
    private AppWiring wiring;

    @Override
    public void start(Stage stage) {
        AppSettings settings = AppSettings.load();
        String server = getParameters().getNamed().get("server");
        if (server != null && !server.isBlank()) {
            settings.setServerUrl(server);
        }
        AppIcon.useOnEveryWindow(stage);
        wiring = new AppWiring(settings, SystemBrowser.forThisComputer(url -> getHostServices().showDocument(url)));
        wiring.show(stage);
    }

    @Override
    public void stop() {
        if (wiring != null) {
            wiring.close();
        }
    }
}
