package org.orthancalbums.desktop;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.orthancalbums.desktop.background.FxTaskExecutor;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.ServerInfo;
import org.orthancalbums.desktop.login.BrowserOpener;
import org.orthancalbums.desktop.login.ConnectModel;
import org.orthancalbums.desktop.login.LoginModel;
import org.orthancalbums.desktop.login.LoginView;
import org.orthancalbums.desktop.login.OidcClient;
import org.orthancalbums.desktop.login.TokenStore;
import org.orthancalbums.desktop.login.ConnectView;
import org.orthancalbums.desktop.login.ServerConfigService;
import org.orthancalbums.desktop.login.Session;
import org.orthancalbums.desktop.login.SessionHolder;
import org.orthancalbums.desktop.main.MainModel;
import org.orthancalbums.desktop.main.MainView;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.HttpClients;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.orthancalbums.desktop.settings.Theme;
import org.orthancalbums.desktop.share.ShareModel;
import org.orthancalbums.desktop.share.ShareView;
import org.orthancalbums.desktop.upload.Destination;
import org.orthancalbums.desktop.upload.UploadEngine;
import org.orthancalbums.desktop.upload.UploadModel;
import org.orthancalbums.desktop.upload.UploadView;

/** The one place that builds the app's objects and hands each its collaborators (no DI container). */
public final class AppWiring {
    public static final String TITLE = "Orthanc Albums";

    private final AppSettings settings;
    private final BrowserOpener browser;
    private final UploadEngine.Settings uploadSettings;
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private final OkHttpClient http = HttpClients.create();
    private Stage stage;
    private SessionHolder session;
    private OidcClient oidc;

    /** {@code browser} opens the login page: HostServices in the app, a scripted browser in tests. */
    public AppWiring(AppSettings settings, BrowserOpener browser) {
        this(settings, browser, UploadEngine.Settings.defaults());
    }

    /** {@code uploadSettings}: batch sizes and parallel requests of uploads (tests slow them down to pause one). */
    public AppWiring(AppSettings settings, BrowserOpener browser, UploadEngine.Settings uploadSettings) {
        this.settings = settings;
        this.browser = browser;
        this.uploadSettings = uploadSettings;
        if (!settings.language().isEmpty()) {
            I18n.use(Locale.forLanguageTag(settings.language()));
        }
        Theme.apply(settings.darkTheme());
    }

    public void show(Stage stage) {
        this.stage = stage;
        stage.setTitle(TITLE);
        showConnect();
        stage.show();
    }

    /** First screen: the server's address (remembered); once the server answers, the login. */
    public void showConnect() {
        ConnectModel connect = new ConnectModel(new ServerConfigService(http), executor, settings);
        connect.serverProperty().addListener((o, old, info) -> {
            if (info != null) {
                showLogin(connect.serverUrlProperty().get().strip(), info);
            }
        });
        setRoot(new ConnectView(connect), 720, 480);
        if (!settings.serverUrl().isEmpty()) {
            connect.connect();
        }
    }

    private void showLogin(String serverUrl, ServerInfo info) {
        executor.execute(() -> OidcClient.discover(http, info.issuer(), info.clientId()), client -> {
            oidc = client;
            LoginModel login = new LoginModel(client, TokenStore.forServer(serverUrl), executor, browser,
                    session -> showMain(stage, serverUrl, session));
            setRoot(new LoginView(login, serverUrl, this::forgetServer), 720, 480);
            login.restore();
        }, error -> showConnect());
    }

    /**
     * The session ended while the user was working: log in again in a small window over the main one,
     * then go on where they were (the window, the album, the search stay; the failed action is retried).
     */
    private void logInAgain(String serverUrl, MainModel model) {
        if (oidc == null) {
            showConnect();
            return;
        }
        Stage dialog = new Stage();
        dialog.initOwner(stage);
        dialog.initModality(javafx.stage.Modality.WINDOW_MODAL);
        dialog.setTitle(TITLE);
        LoginModel login = new LoginModel(oidc, TokenStore.forServer(serverUrl), executor, browser, fresh -> {
            session.replace(fresh);
            dialog.close();
            model.activity().retry();
        });
        dialog.setScene(Theme.styled(new Scene(new LoginView(login, serverUrl, dialog::close), 640, 420)));
        dialog.setOnHidden(e -> login.cancel());
        dialog.show();
    }

    private void forgetServer() {
        settings.setServerUrl("");
        showConnect();
    }

    /** The main window for a logged-in user of this server. */
    public void showMain(Stage target, String serverUrl, Session loggedIn) {
        this.stage = target;
        session = new SessionHolder(loggedIn);
        openMain(serverUrl);
    }

    /** Builds the main window for the current session (again after a change of language). */
    private void openMain(String serverUrl) {
        AlbumsClient client = new AlbumsClient(http, serverUrl, session);
        setRoot(new StackPane(new ProgressIndicator()), 1280, 800);
        executor.execute(client::me, me -> {
            MainModel model = new MainModel(me, client, executor);
            setRoot(new MainView(model, this::logout, () -> logInAgain(serverUrl, model), this::toggleTheme,
                    (files, album) -> openUpload(client, model, files, album), settings.language(),
                    language -> changeLanguage(language, serverUrl), album -> openShare(client, model, album)), 1280, 800);
            model.start();
        }, error -> showConnect()); // the connect screen says what is wrong (unreachable server, ended session)
    }

    private void openShare(AlbumsClient client, MainModel model, AlbumView album) {
        Stage window = new Stage();
        window.initOwner(stage);
        window.setTitle(TITLE);
        ShareModel share = new ShareModel(client, executor, album);
        window.setScene(Theme.styled(new Scene(new ShareView(share, window::close), 640, 560)));
        window.setOnHidden(e -> model.albums().refresh());
        window.show();
        share.load();
    }

    /** A drop opens the upload window: scan, preview, choose the album, send, report. */
    private void openUpload(AlbumsClient client, MainModel model, List<Path> files, AlbumView album) {
        Stage window = new Stage();
        window.initOwner(stage);
        window.setTitle(TITLE);
        UploadModel upload = new UploadModel(executor, () -> new UploadEngine(HttpClients.forUploads(http), uploadSettings),
                target -> Destination.album(client, target.id()), model.albums().all(), album, model::studiesChanged);
        window.setScene(Theme.styled(new Scene(new UploadView(upload, window::close), 900, 580)));
        window.setOnHidden(e -> upload.cancel());
        window.show();
        upload.scan(files);
    }

    private void logout() {
        if (session != null) {
            executor.execute(() -> {
                session.logout();
                return true;
            }, done -> showConnect(), error -> showConnect());
        }
    }

    /** The words change at once: the window is built again in the new language, the session kept. */
    private void changeLanguage(String language, String serverUrl) {
        settings.setLanguage(language);
        I18n.use(language.isEmpty() ? Locale.getDefault() : Locale.forLanguageTag(language));
        openMain(serverUrl);
    }

    private void toggleTheme() {
        settings.setDarkTheme(!settings.darkTheme());
        Theme.apply(settings.darkTheme());
    }

    private void setRoot(Parent root, double preferredWidth, double preferredHeight) {
        // never larger than the screen: small laptops and the headless test screen alike
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = Math.min(preferredWidth, screen.getWidth());
        double height = Math.min(preferredHeight, screen.getHeight());
        if (stage.getScene() == null) {
            stage.setScene(Theme.styled(new Scene(root, width, height)));
            stage.sizeToScene();
        } else {
            stage.getScene().setRoot(root);
            stage.setWidth(Math.max(stage.getWidth(), width));
            stage.setHeight(Math.max(stage.getHeight(), height));
        }
        if (stage.getX() + stage.getWidth() > screen.getMaxX() || stage.getY() + stage.getHeight() > screen.getMaxY()) {
            stage.centerOnScreen();
        }
        stage.setTitle(TITLE);
    }

    public void close() {
        executor.shutdown();
    }
}
