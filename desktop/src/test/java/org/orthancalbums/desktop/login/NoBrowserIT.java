package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** No browser at all (GIO and xdg-open both fail): the login screen says so and offers the address to copy, in French. */
@ExtendWith(ApplicationExtension.class)
class NoBrowserIT {
    @Start
    void start(Stage stage) {
        I18n.use(Locale.FRENCH);
        AppSettings settings = AppSettings.load("org/orthancalbums/desktop-tests/no-browser");
        settings.setServerUrl(Stack.albumsUrl().toString());
        BrowserOpener gio = url -> {
            throw new UnsupportedOperationException("Operation not supported");
        };
        new AppWiring(settings, new SystemBrowser(List.of(SystemBrowser.command("/nonexistent/xdg-open"), gio))).show(stage);
    }

    @AfterEach
    void english() {
        I18n.use(Locale.ENGLISH);
    }

    @Test
    void theAddressIsShownWithItsCopyButtonAndTheReason(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#login").tryQuery().map(n -> n.getScene() != null).orElse(false));
        robot.type(KeyCode.ENTER); // the login button is the default one: the keyboard alone starts the login
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#loginUrl").queryAs(TextField.class).getText().isEmpty());

        assertThat(robot.lookup("#loginMessage").queryAs(Label.class).getText()).startsWith("Aucun navigateur web n’a pu être ouvert");
        String url = robot.lookup("#loginUrl").queryAs(TextField.class).getText();
        assertThat(url).startsWith(Stack.keycloakUrl() + "/realms/albums/protocol/openid-connect/auth?");
        Screenshots.save(robot.lookup("#loginUrl").query().getScene().getWindow(), "login-no-browser-fr.png");
        robot.clickOn("#copyLoginUrl");
        assertThat(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get()).isEqualTo(url);
        robot.clickOn("#cancelLogin");
    }
}
