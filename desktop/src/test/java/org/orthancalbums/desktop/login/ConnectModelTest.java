package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.util.Locale;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.orthancalbums.desktop.background.DirectExecutor;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;

class ConnectModelTest {
    static {
        I18n.use(Locale.ENGLISH);
    }

    private final ConnectModel model = new ConnectModel(new ServerConfigService(new OkHttpClient()), new DirectExecutor(), AppSettings.load("org/orthancalbums/desktop-tests"));

    @Test
    void anEmptyAddressAsksForOne() {
        model.serverUrlProperty().set("  ");
        model.connect();
        assertThat(model.messageProperty().get()).isEqualTo("Type the address of your Orthanc Albums server.");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aClosedPortSaysTheServerCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        model.serverUrlProperty().set("http://127.0.0.1:" + closedPort);
        model.connect();
        assertThat(model.messageProperty().get()).startsWith("Cannot reach http://127.0.0.1:" + closedPort);
        assertThat(model.serverProperty().get()).isNull();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void somethingThatIsNotAnAddressIsNamed() {
        model.serverUrlProperty().set("albums server please");
        model.connect();
        assertThat(model.messageProperty().get()).contains("is not a web address");
    }

    @Test
    void plainHttpIsOnlyForThisComputer() {
        model.serverUrlProperty().set("http://albums.example.org");
        model.connect();
        assertThat(model.messageProperty().get()).startsWith("http://albums.example.org is not encrypted").contains("https://");
        assertThat(model.serverProperty().get()).isNull();
    }

    @Test
    void aServerThatSendsTheLoginToPlainHttpElsewhereIsRefused() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/config", exchange -> {
            byte[] body = "{\"issuer\":\"http://keycloak.example.org/realms/albums\",\"clientId\":\"albums-desktop\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            model.serverUrlProperty().set("http://127.0.0.1:" + server.getAddress().getPort());
            model.connect();
            assertThat(model.messageProperty().get()).startsWith("http://keycloak.example.org is not encrypted");
            assertThat(model.serverProperty().get()).isNull();
        } finally {
            server.stop(0);
        }
    }
}
