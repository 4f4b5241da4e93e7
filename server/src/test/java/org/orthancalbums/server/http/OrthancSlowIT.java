package org.orthancalbums.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * plugin's routes that need no Orthanc keep answering at once, however many album calls wait.
 */
class OrthancSlowIT {
    @Test
    void aSilentOrthancGetsA503InTimeAndThePluginRoutesKeepAnswering() throws Exception {
        try (SilentOrthanc silent = new SilentOrthanc();
             InProcessServer server = new InProcessServer(Map.of("ALBUMS_ORTHANC_URL", silent.url(),
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
            assertPluginAnswers(server);
            assertThat((System.nanoTime() - start) / 1e9).as("no Orthanc needed").isLessThan(1);
        }
    }

    /**
     * Jetty keeps a few threads for the plugin (ALBUMS_HTTP_THREADS, here its least: one that serves requests).
     * Album calls waiting on a silent Orthanc and uploads whose sender stalls, many more of them than those
     * threads, must not hold the plugin's questions up: Orthanc asks one before every request any user makes.
     */
    @Test
    void callsWaitingOnOrthancOrOnAnUploaderDoNotHoldUpThePlugin() throws Exception {
        try (SilentOrthanc silent = new SilentOrthanc();
             InProcessServer server = new InProcessServer(Map.of("ALBUMS_ORTHANC_URL", silent.url(), "ALBUMS_HTTP_THREADS", "3",
                     "ALBUMS_ORTHANC_TIMEOUT_SECONDS", "4", "ALBUMS_DB_URL", "jdbc:sqlite:target/orthanc-slow-" + System.nanoTime() + ".db"))) {
            String token = Stack.accessToken("alice");
            String album = server.as("alice").createAlbum("Slow archive, busy server");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> pages = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pages.add(http.sendAsync(HttpRequest.newBuilder(server.url().resolve("/api/albums/" + album + "/studies"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<Socket> stalledUploads = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    stalledUploads.add(stalledUpload(server, album, token));
                }
                Thread.sleep(500); // all twelve are in the server, waiting

                long start = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    assertPluginAnswers(server);
                }
                assertThat((System.nanoTime() - start) / 1e9).as("ten plugin questions beside twelve waiting calls").isLessThan(1);
                for (CompletableFuture<HttpResponse<String>> page : pages) {
                    assertThat(page.get(10, TimeUnit.SECONDS).statusCode()).as("the album pages still end in time").isEqualTo(503);
                }
            } finally {
                for (Socket socket : stalledUploads) {
                    socket.close();
                }
            }
        }
    }

    private static void assertPluginAnswers(InProcessServer server) {
        Api.Reply profile = server.plugin().post("/user/get-profile",
                "{\"token-key\":\"Authorization\",\"token-value\":\"Bearer " + Stack.accessToken("alice") + "\"}");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.field("name")).isEqualTo("Alice Martin");
        assertThat(server.plugin().post("/user/get-profile", "{\"token-key\":\"\",\"token-value\":\"\"}").status()).isEqualTo(200);
    }

    /** A STOW-RS upload into the album whose sender sends its headers and a first part, then nothing. */
    private static Socket stalledUpload(InProcessServer server, String album, String token) throws IOException {
        Socket socket = new Socket(server.url().getHost(), server.url().getPort());
        String head = "POST /api/albums/" + album + "/dicom-web/studies HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: multipart/related; type=\"application/dicom\"; boundary=stall\r\n"
                + "Content-Length: 10000000\r\n\r\n"
                + "--stall\r\nContent-Type: application/dicom\r\n\r\n" + "\0".repeat(1000);
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** An Orthanc that accepts connections and never answers. */
    private static final class SilentOrthanc implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        SilentOrthanc() throws IOException {
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
