package org.orthancalbums.desktop;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.access.ToolAccessModel;
import org.orthancalbums.desktop.access.ToolAccessView;
import org.orthancalbums.desktop.albums.AlbumsModel;
import org.orthancalbums.desktop.download.DownloadEngine;
import org.orthancalbums.desktop.download.DownloadModel;
import org.orthancalbums.desktop.download.DownloadRequest;
import org.orthancalbums.desktop.download.DownloadView;
import org.orthancalbums.desktop.history.HistoryModel;
import org.orthancalbums.desktop.history.HistoryView;
import org.orthancalbums.desktop.main.AppAction;
import org.orthancalbums.desktop.main.MainActions;
import org.orthancalbums.desktop.settings.SettingsModel;
import org.orthancalbums.desktop.settings.SettingsView;
import org.orthancalbums.desktop.slicer.SendBackView;
import org.orthancalbums.desktop.slicer.SlicerLauncher;
import org.orthancalbums.desktop.slicer.SlicerLocator;
import org.orthancalbums.desktop.slicer.SlicerModel;
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
import org.orthancalbums.desktop.remote.Problems;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.orthancalbums.desktop.settings.Theme;
import org.orthancalbums.desktop.share.ShareModel;
import org.orthancalbums.desktop.share.ShareView;
import org.orthancalbums.desktop.upload.Destination;
import org.orthancalbums.desktop.upload.FilePicker;
import org.orthancalbums.desktop.upload.UploadEngine;
import org.orthancalbums.desktop.upload.UploadModel;
import org.orthancalbums.desktop.upload.UploadView;

/** The one place that builds the app's objects and hands each its collaborators (no DI container). */
public final class AppWiring {
    public static final String TITLE = "Orthanc Albums";

    private final AppSettings settings;
    private final BrowserOpener browser;
    /** Long enough for an afternoon's segmentation work; revocable in "Upload access for a tool…". */
    private static final Duration SEND_BACK_LIFETIME = Duration.ofDays(1);
    private final SlicerLocator slicerLocator;
    private final UploadEngine.Settings uploadSettings;
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private final OkHttpClient http = HttpClients.create();
    private Stage stage;
    private SessionHolder session;
    private OidcClient oidc;
    private FilePicker filePicker = FilePicker.system(t("upload.title"));

    /** {@code browser} opens the login page: HostServices in the app, a scripted browser in tests. */
    public AppWiring(AppSettings settings, BrowserOpener browser) {
        this(settings, browser, UploadEngine.Settings.defaults());
    }

    /** {@code uploadSettings}: batch sizes and parallel requests of uploads (tests slow them down to pause one). */
    public AppWiring(AppSettings settings, BrowserOpener browser, UploadEngine.Settings uploadSettings) {
        this(settings, browser, uploadSettings, SlicerLocator.forThisComputer());
    }

    /** {@code slicerLocator}: where 3D Slicer is looked for (tests give a computer without one). */
    public AppWiring(AppSettings settings, BrowserOpener browser, UploadEngine.Settings uploadSettings, SlicerLocator slicerLocator) {
        this.slicerLocator = slicerLocator;
        this.settings = settings;
        this.browser = browser;
        this.uploadSettings = uploadSettings;
        if (!settings.language().isEmpty()) {
            I18n.use(Locale.forLanguageTag(settings.language()));
        }
        Theme.apply(settings.darkTheme());
    }

    /** Tests replace the system's file dialogs, which the headless test screen cannot show. */
    public void useFilePicker(FilePicker picker) {
        this.filePicker = picker;
    }

    public void show(Stage stage) {
        this.stage = stage;
        stage.setTitle(TITLE);
        showConnect();
        stage.show();
    }

    /** First screen: the server's address (remembered); once the server answers, the login. */
    public void showConnect() {
        showConnect("");
    }

    /**
     * The connect screen after {@code problem} (empty: none). After a problem it waits for the user:
     * connecting again by itself would cycle between the screens without ever saying why.
     */
    private void showConnect(String problem) {
        ConnectModel connect = new ConnectModel(new ServerConfigService(http), executor, settings);
        connect.serverProperty().addListener((o, old, info) -> {
            if (info != null) {
                showLogin(connect.serverUrlProperty().get().strip(), info);
            }
        });
        setRoot(new ConnectView(connect), 720, 480);
        if (!problem.isEmpty()) {
            connect.messageProperty().set(problem);
        } else if (!settings.serverUrl().isEmpty()) {
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
        }, error -> showConnect(t("connect.signInUnreachable", info.issuer(), Problems.network(error))));
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
        dialog.setScene(Theme.styled(new Scene(LoginView.again(login, serverUrl), 640, 420)));
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
                    language -> changeLanguage(language, serverUrl), actions(client, model)), 1280, 800);
            model.start();
        }, error -> showConnect(Problems.describe(t("task.loadAccount"), error)));
    }

    /** What the main window's feature buttons, menus and shortcuts do, and when each may run. */
    private MainActions actions(AlbumsClient client, MainModel model) {
        AlbumsModel albums = model.albums();
        ObjectProperty<AlbumView> album = albums.selectedProperty();
        BooleanBinding always = Bindings.createBooleanBinding(() -> true);
        BooleanBinding oneStudy = Bindings.size(model.studies().selection()).isEqualTo(1);
        Supplier<StudySummary> study = () -> model.studies().selection().get(0);
        SlicerModel slicer = new SlicerModel(client, model.activity(), settings, slicerLocator, new SlicerLauncher());
        KeyCombination slicerKey = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
        return new MainActions(
                new AppAction("shareAlbum", t("share.button"), new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), always, albums.allows(AlbumAction.MANAGE_MEMBERS),
                        () -> openShare(client, model, album.get())),
                new AppAction("albumHistory", t("history.button"), null, album.isNotNull(), always,
                        () -> openHistory(client, album.get())),
                new AppAction("toolAccess", t("access.button"), null, albums.allows(AlbumAction.CREATE_UPLOAD_TOKEN), always,
                        () -> openToolAccess(client, album.get())),
                new AppAction("downloadAlbum", t("download.album"), null, albums.allows(AlbumAction.VIEW_STUDIES),
                        Bindings.createBooleanBinding(() -> album.get() != null && album.get().studyCount() > 0, album),
                        () -> openDownload(client, new DownloadRequest(album.get(), null))),
                new AppAction("openInSlicer", t("slicer.open"), slicerKey, albums.allows(AlbumAction.CREATE_VIEW_TOKEN), oneStudy,
                        () -> slicer.open(album.get(), study.get())),
                new AppAction("sendBack", t("sendBack.button"), null, albums.allows(AlbumAction.CREATE_UPLOAD_TOKEN), always,
                        () -> openSendBack(client, album.get())),
                new AppAction("downloadStudy", t("download.study"), null, albums.allows(AlbumAction.VIEW_STUDIES), oneStudy,
                        () -> openDownload(client, new DownloadRequest(album.get(), study.get()))),
                new AppAction("openSettings", t("settings.button"), null, always, always, this::openSettings),
                new AppAction("uploadFiles", t("upload.chooseFiles"), new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN),
                        always, always, () -> upload(filePicker.files(stage), client, model)),
                new AppAction("uploadFolder", t("upload.chooseFolder"),
                        new KeyCodeCombination(KeyCode.U, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        always, always, () -> upload(filePicker.folder(stage), client, model)));
    }

    /** What the file dialog gave, into the selected album (the upload window lets the user pick another). */
    private void upload(List<Path> chosen, AlbumsClient client, MainModel model) {
        if (!chosen.isEmpty()) {
            openUpload(client, model, chosen, model.albums().selectedProperty().get());
        }
    }

    /** A window over the main one; {@link #show} gives it its content, which may close it. */
    private Stage window() {
        Stage window = new Stage();
        window.initOwner(stage);
        window.setTitle(TITLE);
        return window;
    }

    private static void show(Stage window, Parent root, double width, double height) {
        window.setScene(Theme.styled(new Scene(root, width, height)));
        window.show();
    }

    private void openShare(AlbumsClient client, MainModel model, AlbumView album) {
        Stage window = window();
        ShareModel share = new ShareModel(client, executor, album);
        window.setOnHidden(e -> model.albums().refresh());
        show(window, new ShareView(share, window::close), 640, 560);
        share.load();
    }

    /** A drop opens the upload window: scan, preview, choose the album, send, report. */
    private void openUpload(AlbumsClient client, MainModel model, List<Path> files, AlbumView album) {
        Stage window = window();
        UploadModel upload = new UploadModel(executor, () -> new UploadEngine(HttpClients.forUploads(http), uploadSettings),
                target -> Destination.album(client, target.id()), model.albums().all(), album, model::studiesChanged);
        window.setOnHidden(e -> upload.cancel());
        show(window, new UploadView(upload, window::close), 900, 580);
        upload.scan(files);
    }

    private void openHistory(AlbumsClient client, AlbumView album) {
        Stage window = window();
        HistoryModel history = new HistoryModel(client, executor, album);
        show(window, new HistoryView(history, window::close), 720, 600);
        history.load();
    }

    private void openToolAccess(AlbumsClient client, AlbumView album) {
        Stage window = window();
        ToolAccessModel access = new ToolAccessModel(client, executor, album, Clock.systemUTC());
        show(window, new ToolAccessView(access, window::close), 900, 720);
        access.load();
    }

    /** "Send results back" makes its upload token at once: the window shows the address to paste into 3D Slicer. */
    private void openSendBack(AlbumsClient client, AlbumView album) {
        Stage window = window();
        ToolAccessModel access = new ToolAccessModel(client, executor, album, Clock.systemUTC());
        access.lifetimeProperty().set(SEND_BACK_LIFETIME);
        show(window, new SendBackView(access, window::close), 720, 400);
        access.create();
    }

    private void openDownload(AlbumsClient client, DownloadRequest request) {
        Stage window = window();
        DownloadModel download = new DownloadModel(executor, () -> new DownloadEngine(client), settings, request);
        window.setOnHidden(e -> download.cancel());
        show(window, new DownloadView(download, this::showInFileManager, window::close), 760, 520);
    }

    private void openSettings() {
        Stage window = window();
        SettingsModel model = new SettingsModel(settings, executor, () -> slicerLocator.find(""));
        show(window, new SettingsView(model, window::close), 720, 380);
        model.detect();
    }

    /** The downloaded folder or ZIP, in the system's file manager (the folder holding a ZIP). */
    private void showInFileManager(Path target) {
        Path folder = Files.isDirectory(target) ? target : target.getParent();
        try {
            browser.open(folder.toUri().toString());
        } catch (Exception e) {
            // nothing to open it with: the report names the place
        }
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
