package org.orthancalbums.desktop;

import javafx.scene.Scene;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.orthancalbums.desktop.background.FxTaskExecutor;
import org.orthancalbums.desktop.login.ConnectModel;
import org.orthancalbums.desktop.login.ConnectView;
import org.orthancalbums.desktop.login.ServerConfigService;
import org.orthancalbums.desktop.settings.AppSettings;

/** The one place that builds the app's objects and hands each its collaborators (no DI container). */
public final class AppWiring {
    public static final String TITLE = "Orthanc Albums";

    private final FxTaskExecutor executor = new FxTaskExecutor();
    private final ConnectModel connect;

    public AppWiring(AppSettings settings) {
        OkHttpClient http = new OkHttpClient();
        connect = new ConnectModel(new ServerConfigService(http), executor, settings);
    }

    public void show(Stage stage) {
        stage.setTitle(TITLE);
        stage.setScene(new Scene(new ConnectView(connect), 720, 480));
        stage.show();
    }

    public void close() {
        executor.shutdown();
    }
}
