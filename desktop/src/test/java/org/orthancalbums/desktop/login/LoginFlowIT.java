package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole first start, as a person does it: type the server's address, connect, log in with the
 * browser (the test plays the browser against the stack's Keycloak), and land in the main window.
 */
@ExtendWith(ApplicationExtension.class)
class LoginFlowIT {
    private final CompletableFuture<String> openedUrl = new CompletableFuture<>();

    @BeforeAll
    static void english() {
        I18n.use(Locale.ENGLISH);
    }

    @Start
    void start(Stage stage) {
        AppSettings settings = AppSettings.load("org/orthancalbums/desktop-tests/login");
        settings.setServerUrl("");
        new AppWiring(settings, openedUrl::complete).show(stage);
    }

    @Test
    void aNewUserConnectsLogsInWithTheBrowserAndSeesTheirAlbums(FxRobot robot) throws Exception {
        click(robot, "#serverUrl").write(Stack.albumsUrl().toString());
        click(robot, "#connect");
        click(robot, "#login");
        String url = openedUrl.get(10, TimeUnit.SECONDS);
        assertThat(url).startsWith(Stack.keycloakUrl() + "/realms/albums/protocol/openid-connect/auth?")
                .contains("code_challenge_method=S256").contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> url.equals(robot.lookup("#loginUrl").queryAs(TextField.class).getText()));

        KeycloakBrowser browser = new KeycloakBrowser();
        browser.open(url);
        browser.logIn("alice", "alice");
        assertThat(browser.pageText()).contains("You can close this tab");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#userName").tryQuery().isPresent());
        assertThat(robot.lookup("#userName").queryAs(Label.class).getText()).isEqualTo("Alice Martin");
        assertThat(AppSettings.load("org/orthancalbums/desktop-tests/login").serverUrl()).isEqualTo(Stack.albumsUrl().toString());
    }

    /**
     * Clicks the node once it is shown in a window and enabled. Clicking by query would also weigh nodes
     * of a root being replaced (the connect screen gives way to the login screen), whose scene is gone.
     */
    private static org.testfx.api.FxRobotInterface click(FxRobot robot, String query) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> clickable(robot, query).isPresent());
        return robot.clickOn(clickable(robot, query).orElseThrow());
    }

    private static java.util.Optional<javafx.scene.Node> clickable(FxRobot robot, String query) {
        return robot.lookup(query).match((javafx.scene.Node n) -> n.getScene() != null && n.isVisible() && !n.isDisabled()).tryQuery();
    }
}
