package org.orthancalbums.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.InProcessServer;

/**
 * An Orthanc that accepts connections and never answers (the fault the real one cannot be made to
 * produce on demand): album calls that need it answer 503 within the configured timeout, and the
 * plugin's routes that need no Orthanc keep answering at once.
 */
class OrthancSlowIT {
    @Test
    void aSilentOrthancGetsA503InTimeAndThePluginRoutesKeepAnswering() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread accept = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
            try (InProcessServer server = new InProcessServer(Map.of("ALBUMS_ORTHANC_URL", "http://127.0.0.1:" + silent.getLocalPort(),
                    "ALBUMS_ORTHANC_TIMEOUT_SECONDS", "2", "ALBUMS_DB_URL", "jdbc:sqlite:target/orthanc-slow-" + System.nanoTime() + ".db"))) {
                Api alice = server.as("alice");
                String album = alice.createAlbum("Slow archive");
                long start = System.nanoTime();
                Api.Reply studies = alice.get("/api/albums/" + album + "/studies");
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(studies.status()).isEqualTo(503);
                assertThat(studies.field("message")).isEqualTo("the image archive (Orthanc) is not answering. Try again in a moment.");
                assertThat(seconds).as("within the 2 s timeout, plus a little").isLessThan(5);

                start = System.nanoTime();
                Api.Reply profile = server.plugin().post("/user/get-profile",
                        "{\"token-key\":\"Authorization\",\"token-value\":\"Bearer " + Stack.accessToken("alice") + "\"}");
                assertThat(profile.status()).isEqualTo(200);
                assertThat(profile.field("name")).isEqualTo("Alice Martin");
                assertThat(server.plugin().post("/user/get-profile", "{\"token-key\":\"\",\"token-value\":\"\"}").status()).isEqualTo(200);
                assertThat((System.nanoTime() - start) / 1e9).as("no Orthanc needed").isLessThan(1);
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }
}
