package org.orthancalbums.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;

/**
 * The production proxy (deploy/nginx.conf, run by Debian's real nginx in front of the stack, TLS left out)
 * from the internet's side: the album API passes, the authorization plugin's routes do not, however spelled.
 */
class NginxDeployIT {
    @Test
    void thePluginRoutesAreDeniedAtTheProxy(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String deployed = Files.readString(Path.of("..", "deploy", "nginx.conf"));
        String server = deployed
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + port + ";")
                .replaceAll("(?m)^\\s*(http2 on|ssl_certificate|ssl_certificate_key)[^;]*;\\s*$", "")
                .replace("http://albums-server:8000/", Stack.albumsUrl() + "/")
                .replace("http://albums-server:8000;", Stack.albumsUrl() + ";")
                .replace("http://orthanc:8042/", Stack.orthancUrl() + "/")
                .replace("http://keycloak:8080/keycloak/", Stack.keycloakUrl() + "/");
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, "daemon off; pid " + dir.resolve("nginx.pid") + "; error_log " + dir.resolve("error.log") + ";\n"
                + "events {}\nhttp {\n access_log off;\n client_body_temp_path " + dir + "/body; proxy_temp_path " + dir + "/proxy;\n"
                + server + "\n}\n");
        Process nginx = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            waitUntilAnswering(base);
            assertThat(get(base.resolve("/albums/api/config"))).as("the public album API").isEqualTo(200);
            String plugin = Stack.basic(Stack.env("PLUGIN_USER"), Stack.env("PLUGIN_PASSWORD"));
            for (String path : new String[] {"/albums/user/get-profile", "/albums/tokens/validate", "/albums/tokens/decode",
                    "/albums//user/get-profile", "/albums/./tokens/validate", "/albums/api/../user/get-profile", "/albums/settings/roles",
                    "/albums/%75ser/get-profile"}) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", plugin)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"token-key\":\"\",\"token-value\":\"\"}")).build();
                assertThat(Stack.http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).as(path).isEqualTo(403);
            }
            shareButtonsReachAlbumsServerWithTheUsersToken(base);
        } finally {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** OE2 asks Orthanc's /auth/tokens/{type}; the proxy hands it to albums-server, which knows who asks. */
    private static void shareButtonsReachAlbumsServerWithTheUsersToken(URI base) throws IOException, InterruptedException {
        Api alice = Api.as("alice");
        String album = alice.createAlbum("Through the proxy");
        String uid = Api.newStudyIn(album, "Proxy^Share", "Shared through nginx");
        String body = "{\"Resources\":[{\"DicomUid\":\"" + uid + "\",\"Level\":\"study\"}],\"Type\":\"viewer-instant-link\"}";
        for (String[] caller : new String[][] {{"alice", "200"}, {"dave", "404"}}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/orthanc/auth/tokens/viewer-instant-link"))
                    .header("Authorization", "Bearer " + Stack.accessToken(caller[0]))
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> answer = Stack.http().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(caller[0] + ": " + answer.body()).isEqualTo(Integer.parseInt(caller[1]));
        }
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        return Stack.http().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void waitUntilAnswering(URI base) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                get(base.resolve("/albums/api/config"));
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx did not start: is Debian's nginx installed (apt-get install nginx-light)?", e);
                }
                Thread.sleep(100);
            }
        }
    }
}
