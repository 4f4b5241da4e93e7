package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
}
