package org.orthancalbums.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.desktop.MainWindow.waitUntil;

import java.io.IOException;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.PasswordSession;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.login.Session;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A session that ends while the user works (Keycloak refuses to renew it): the window says so, offers to log in again
 * in a small window over it, and keeps where the user was; closing that window leaves the main one as it was.
 */
@ExtendWith(ApplicationExtension.class)
class LogInAgainIT {
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void english() {
        I18n.use(Locale.ENGLISH);
    }

    /** The demo user's real session, until {@link #end()}: then every call finds it ended, as after a refused refresh. */
    private static final class EndingSession implements Session {
        private final PasswordSession real;
        private volatile boolean ended;

        EndingSession(String user) {
            real = new PasswordSession(user);
        }

        void end() {
            ended = true;
        }

        @Override
        public String accessToken() throws IOException {
            if (ended) {
                throw new SessionExpiredException("Keycloak refused to renew the session");
            }
            return real.accessToken();
        }

        @Override
        public String username() {
            return real.username();
        }

        @Override
        public String displayName() {
            return real.displayName();
        }

        @Override
        public void logout() {
            real.logout();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void anEndedSessionOffersToLogInAgainOverTheWindow(String language, FxRobot robot) throws Exception {
        AlbumView first = StackData.album("alice", "Before the session ends");
        AlbumView second = StackData.album("alice", "After the session ends");
        AppSettings settings = AppSettings.load("org/orthancalbums/desktop-tests/log-in-again-" + language);
        settings.setLanguage(language);
        settings.setServerUrl(Stack.albumsUrl().toString());
        // the app as started on a known server: it finds Keycloak, then shows its login screen (a browser that opens nothing)
        AppWiring wiring = new AppWiring(settings, url -> {
        });
        robot.interact(() -> wiring.show(stage));
        waitUntil(() -> robot.lookup("#login").tryQuery().map(n -> n.getScene() == stage.getScene()).orElse(false));
        EndingSession session = new EndingSession("alice");
        MainWindow main = MainWindow.open(robot, stage, wiring, session);
        main.selectAlbum(first);

        session.end();
        robot.interact(() -> robot.lookup("#albumList").queryListView().getItems().stream()
                .filter(a -> ((AlbumView) a).id().equals(second.id())).findFirst()
                .ifPresent(a -> robot.lookup("#albumList").queryListView().getSelectionModel().select(a)));
        waitUntil(() -> robot.lookup("#logInAgain").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertThat(main.text("#problem")).contains(I18n.t("problem.sessionExpired"));
        assertThat(robot.lookup("#retry").queryButton().isVisible()).as("retrying cannot help").isFalse();

        robot.clickOn("#logInAgain");
        Window dialog = main.windowWith("#cancelLogin");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(dialog, "log-in-again-" + language + ".png");
        assertThat(((Stage) dialog).getOwner()).as("over the main window, which stays").isSameAs(stage);
        assertThat(robot.lookup("#login").queryAs(Button.class).getText()).isEqualTo(I18n.t("login.button"));
        assertThat(robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class)).extracting(javafx.scene.control.Label::getText)
                .as("it says why").contains(I18n.t("login.again"));
        assertThat(robot.lookup(I18n.t("login.changeServer")).tryQuery()).as("the server stays what it is").isEmpty();

        robot.interact(dialog::hide);
        assertThat(stage.isShowing()).isTrue();
        assertThat(robot.lookup("#albumList").tryQuery()).as("the main window as it was").isPresent();
    }
}
