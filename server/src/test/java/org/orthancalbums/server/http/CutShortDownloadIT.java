package org.orthancalbums.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.InProcessServer;

/**
 * An image download that one side stops half-way. The caller going away still leaves its access-log line, saying so
 * (Javalin wrote none when its copy failed). Orthanc breaking off is passed on as a cut answer, never as a whole-looking
 * one: Javalin's copy had the error's JSON appended to the image, a corrupt file if the answer was chunked.
 */
class CutShortDownloadIT {
    @Test
    void aDownloadItsCallerAbandonsIsLoggedAsSuch() throws Exception {
        // more than the server's socket can buffer, whatever this machine lets it grow to
        // (read by lines: Files.readString trusts the size /proc gives, and reads one byte of it)
        long sendBufferMax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_wmem")).get(0).trim().split("\\s+")[2]);
        int side = (int) Math.ceil(Math.sqrt(sendBufferMax)); // 16-bit pixels: 2 x the buffer
        Image image = Image.stored("Abandoned download", side);
        Api alice = Api.as("alice");
        String album = alice.createAlbum("Abandoned download");
        try {
            assertThat(Api.as("admin").put("/api/albums/" + album + "/studies/" + image.studyUid(), "").status()).isEqualTo(204);
            String path = image.path(album);
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                connect(socket, Stack.albumsUrl(), path);
                byte[] start = socket.getInputStream().readNBytes(64 * 1024);
                assertThat(new String(start, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 OK");
                socket.setSoLinger(true, 0); // closed with a reset, the rest unread
            }

            Path log = Path.of(Stack.env("STACK_DIR"), "albums-server.log");
            long deadline = System.nanoTime() + 10_000_000_000L; // the line is written once the server gives up writing
            String line;
            while ((line = Files.readAllLines(log).stream().filter(l -> l.contains("GET " + path + " ")).findFirst().orElse("")).isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(line).as("the access log's line for the abandoned download")
                    .contains(path + " 200 ").contains("the caller went away after");
            // and the server goes on serving the same file whole
            HttpResponse<byte[]> whole = Stack.http().send(HttpRequest.newBuilder(Stack.albumsUrl().resolve(path))
                    .header("Authorization", "Bearer " + Stack.accessToken("alice")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.body()).isEqualTo(image.dicom());
        } finally {
            alice.delete("/api/albums/" + album);
            image.delete();
        }
    }

    @Test
    void anImageOrthancBreaksOffReachesTheCallerCutNeverWholeLooking() throws Exception {
        Image image = Image.stored("Broken-off download", 512);
        try (CuttingOrthanc orthanc = new CuttingOrthanc(Stack.orthancUrl(), 100_000);
             InProcessServer server = new InProcessServer(Map.of("ALBUMS_ORTHANC_URL", orthanc.url(),
                     "ALBUMS_DB_URL", "jdbc:sqlite:target/cut-short-" + System.nanoTime() + ".db"))) {
            String album = server.as("alice").createAlbum("Broken-off download");
            assertThat(server.as("admin").put("/api/albums/" + album + "/studies/" + image.studyUid(), "").status()).isEqualTo(204);

            // kept alive, the answer is chunked: the last chunk tells a whole answer from a cut one (closing tells nothing)
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            Chunks body = new Chunks(new byte[0], false);
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(10_000);
                connect(socket, server.url(), image.path(album));
                byte[] buffer = new byte[64 * 1024];
                for (int n; !body.ended() && (n = socket.getInputStream().read(buffer)) != -1; ) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(StandardCharsets.ISO_8859_1);
                    if (text.contains("\r\n\r\n")) {
                        body = Chunks.of(answer.toByteArray(), text.indexOf("\r\n\r\n") + 4);
                    }
                }
            }
            assertThat(answer.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200 OK").contains("Transfer-Encoding: chunked");
            assertThat(body.ended()).as("the answer ended as a whole one would, with its last chunk").isFalse();
            assertThat(body.bytes().length).as("bytes of the image received").isGreaterThan(0).isLessThan(image.dicom().length);
            assertThat(body.bytes()).as("what came is the image's beginning, and nothing else (no error appended)")
                    .isEqualTo(Arrays.copyOf(image.dicom(), body.bytes().length));

            // the server goes on: the next call of the same caller is answered
            assertThat(server.as("alice").get("/api/albums/" + album).status()).isEqualTo(200);
        } finally {
            image.delete();
        }
    }

    private static void connect(Socket socket, URI server, String path) throws IOException {
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + server.getAuthority() + "\r\nAuthorization: Bearer "
                + Stack.accessToken("alice") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A chunked HTTP body as received: its bytes, and whether its last (empty) chunk came. */
    private record Chunks(byte[] bytes, boolean ended) {
        static Chunks of(byte[] raw, int from) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int at = from;
            while (true) {
                int lineEnd = new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n", at);
                if (lineEnd < 0) {
                    return new Chunks(bytes.toByteArray(), false);
                }
                int size = Integer.parseInt(new String(raw, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
                if (size == 0) {
                    return new Chunks(bytes.toByteArray(), true);
                }
                int start = lineEnd + 2;
                int end = Math.min(start + size, raw.length);
                bytes.write(raw, start, end - start);
                at = end + 2;
                if (at >= raw.length) {
                    return new Chunks(bytes.toByteArray(), false);
                }
            }
        }
    }

    /** One synthetic CT image of {@code side} x {@code side} 16-bit pixels, stored straight into the stack's Orthanc. */
    private record Image(String studyUid, String sopUid, byte[] dicom) {
        static Image stored(String description, int side) {
            String study = Uids.random();
            String sop = Uids.random();
            byte[] dicom = DicomFileWriter.write(new DicomFileWriter.Instance("DL-CUT", "Cut^Download", study, Uids.random(), sop,
                    "20250105", description, "CT", 1, 1, side, side));
            Api.orthanc().storeInstance(dicom);
            return new Image(study, sop, dicom);
        }

        String path(String album) {
            return "/api/albums/" + album + "/studies/" + studyUid + "/files/" + sopUid;
        }

        /** Stored outside any album's upload, so deleting the album leaves it: the tests' megabytes go here. */
        void delete() {
            Api.orthanc().findStudyId(studyUid).ifPresent(Api.orthanc()::deleteStudy);
        }
    }

    /**
     * Orthanc, but every image file it serves comes chunked and stops after {@code cutAfter} bytes, its connection
     * dropped: what a crashing or restarted Orthanc does mid-download, which the real one will not do on cue (nor send
     * an image without its length). Everything else passes.
     */
    private static final class CuttingOrthanc implements AutoCloseable {
        /** Per-connection headers, and compression: the image must pass byte for byte, with its length. */
        private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "transfer-encoding", "expect",
                "upgrade", "keep-alive", "accept-encoding");
        private final HttpServer server;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        CuttingOrthanc(URI orthanc, int cutAfter) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try {
                    HttpResponse<byte[]> answer = forward(orthanc, exchange);
                    answer.headers().map().forEach((name, values) -> {
                        if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                            exchange.getResponseHeaders().put(name, values);
                        }
                    });
                    byte[] body = answer.body();
                    if (exchange.getRequestURI().getPath().matches("/instances/[^/]+/file")) {
                        exchange.sendResponseHeaders(answer.statusCode(), 0); // chunked, its end unknown to albums-server
                        exchange.getResponseBody().write(body, 0, Math.min(cutAfter, body.length));
                        exchange.getResponseBody().flush();
                        throw new IOException("cut"); // the JDK's server drops the connection, the last chunk unsent
                    }
                    exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            server.start();
        }

        private HttpResponse<byte[]> forward(URI orthanc, HttpExchange exchange) throws IOException, InterruptedException {
            byte[] body;
            try (InputStream in = exchange.getRequestBody(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                body = out.toByteArray();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(orthanc.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase())) {
                    header.getValue().forEach(value -> request.header(header.getKey(), value));
                }
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
