package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.PasswordSession;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * When the sign-in server is down or the account cannot be loaded, the connect screen says why and
 * stays: it does not connect again by itself (which used to cycle between the screens).
 */
@ExtendWith(ApplicationExtension.class)
class ConnectFailureIT {
    private final AtomicInteger configRequests = new AtomicInteger();
    private HttpServer albumsServer;
    private int closedPort;
    private AppSettings settings;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    /** An albums server whose sign-in server (issuer) is a port nobody listens on. */
    @BeforeEach
    void serverWithKeycloakDown() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        albumsServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        albumsServer.createContext("/api/config", exchange -> {
            configRequests.incrementAndGet();
            byte[] body = ("{\"issuer\":\"http://127.0.0.1:" + closedPort + "/realms/albums\",\"clientId\":\"albums-desktop\","
                    + "\"dicomWebRoot\":\"/dicom-web\",\"serverVersion\":\"test\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        albumsServer.start();
        settings = AppSettings.load("org/orthancalbums/desktop-tests-connect-failure");
        settings.setServerUrl("http://127.0.0.1:" + albumsServer.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        albumsServer.stop(0);
        I18n.use(Locale.ENGLISH);
    }

    @Test
    void keycloakDownIsSaidOnceAndNotRetriedByItself(FxRobot robot) throws Exception {
        I18n.use(Locale.ENGLISH);
        robot.interact(() -> wiring().show(stage));

        Label message = waitForMessage(robot, "The sign-in server (http://127.0.0.1:" + closedPort + "/realms/albums) cannot be reached");
        Thread.sleep(1500); // long enough for several cycles of the old behaviour
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(configRequests).hasValue(1);
        assertThat(message.getText()).contains("so you cannot log in now");
        Screenshots.save(stage, "connect-keycloak-down-en.png");

        robot.clickOn("#connect"); // the user asks again: one more try, same answer
        waitForMessage(robot, "cannot be reached");
        assertThat(configRequests).hasValue(2);
    }

    @Test
    void anAccountThatCannotBeLoadedIsSaidInFrenchOnTheConnectScreen(FxRobot robot) throws Exception {
        I18n.use(Locale.FRENCH);
        robot.interact(() -> {
            wiring().showMain(stage, "http://127.0.0.1:" + closedPort, new PasswordSession("alice"));
            stage.show();
        });

        Label message = waitForMessage(robot, "Chargement de votre compte : échec, le serveur Orthanc Albums est injoignable.");
        Thread.sleep(1000);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(configRequests).hasValue(0);
        assertThat(message.getText()).startsWith("Chargement de votre compte");
        Screenshots.save(stage, "connect-account-failed-fr.png");
    }

    private AppWiring wiring() {
        return new AppWiring(settings, url -> {
            throw new IllegalStateException("the login never gets as far as the browser here");
        });
    }

    private static Label waitForMessage(FxRobot robot, String part) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#connectMessage").tryQuery()
                    .map(l -> ((Label) l).getText().contains(part)).orElse(false));
        } catch (TimeoutException e) {
            assertThat(robot.lookup("#connectMessage").tryQuery().map(l -> ((Label) l).getText())).as("the connect screen's message").hasValue(part);
        }
        return robot.lookup("#connectMessage").queryAs(Label.class);
    }
}
