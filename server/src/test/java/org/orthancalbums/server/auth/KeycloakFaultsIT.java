package org.orthancalbums.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.InProcessServer;

/**
 * Keycloak failing around albums-server, with the stack's real Keycloak: its signing keys rotated
 * through the admin API while requests flow, and Keycloak unreachable (a TCP forwarder in front of it,
 * the only fake here, is closed) and back.
 */
class KeycloakFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keysRotatedDuringTrafficAreFollowedAndUnknownKeysRefusedWithoutErrors() throws Exception {
        String before = Stack.passwordGrant("alice", "alice");
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicBoolean flowing = new AtomicBoolean(true);
        Thread traffic = new Thread(() -> {
            while (flowing.get()) {
                statuses.merge(Api.withAuthorization("Bearer " + before).get("/api/me").status(), 1, Integer::sum);
            }
        });
        traffic.start();
        String admin = realmAdminToken();
        String realmId = JSON.readTree(keycloak("GET", "/admin/realms/" + Stack.realm(), admin, null).body()).path("id").asText();
        HttpResponse<String> created = keycloak("POST", "/admin/realms/" + Stack.realm() + "/components", admin,
                "{\"name\":\"rotation-test\",\"providerId\":\"rsa-generated\",\"providerType\":\"org.keycloak.keys.KeyProvider\","
                        + "\"parentId\":\"" + realmId + "\",\"config\":{\"priority\":[\"1000\"],\"keySize\":[\"2048\"],"
                        + "\"active\":[\"true\"],\"enabled\":[\"true\"]}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String component = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        try {
            String after = Stack.passwordGrant("alice", "alice");
            assertThat(kid(after)).as("Keycloak signs with the new key").isNotEqualTo(kid(before));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int status;
            while ((status = Api.withAuthorization("Bearer " + after).get("/api/me").status()) != 200 && System.nanoTime() < deadline) {
                assertThat(status).isEqualTo(401);
                Thread.sleep(250);
            }
            assertThat(status).as("accepted once the JWKS is fetched again").isEqualTo(200);
            String forged = forge(Stack.keycloakUrl() + "/realms/" + Stack.realm());
            assertThat(Api.withAuthorization("Bearer " + forged).get("/api/me").status()).isEqualTo(401);
        } finally {
            flowing.set(false);
            traffic.join();
            keycloak("DELETE", "/admin/realms/" + Stack.realm() + "/components/" + component, admin, null);
        }
        assertThat(statuses).as("every request of the token signed before the rotation: 200").containsOnlyKeys(200);
    }

    @Test
    void whileKeycloakIsAwayKnownTokensWorkUnknownKeysFailClosedAndTheServerRecovers() throws Exception {
        try (Forwarder keycloak = new Forwarder(URI.create(Stack.keycloakUrl()).getPort());
             InProcessServer server = new InProcessServer(Map.of("KEYCLOAK_URL", keycloak.url(),
                     "ALBUMS_DB_URL", "jdbc:sqlite:target/keycloak-faults-" + System.nanoTime() + ".db"))) {
            // Keycloak names the issuer after the address it is asked at: here, the forwarder's
            String seen = login(keycloak.url());
            String notYetSeen = login(keycloak.url());
            assertThat(Api.at(server.url(), "Bearer " + seen).get("/api/me").status()).isEqualTo(200);
            // an album, so that alice may search the directory (through Keycloak's admin API)
            assertThat(Api.at(server.url(), "Bearer " + seen).post("/api/albums", "{\"name\":\"Outage\"}").status()).isEqualTo(201);
            assertThat(Api.at(server.url(), "Bearer " + seen).get("/api/users?search=bob").status()).isEqualTo(200);

            keycloak.stop();
            assertThat(Api.at(server.url(), "Bearer " + seen).get("/api/me").status()).as("verified before").isEqualTo(200);
            assertThat(Api.at(server.url(), "Bearer " + notYetSeen).get("/api/me").status()).as("its key is known").isEqualTo(200);
            long start = System.nanoTime();
            assertThat(Api.at(server.url(), "Bearer " + forge(keycloak.url() + "/realms/" + Stack.realm())).get("/api/me").status())
                    .as("an unknown key fails closed").isEqualTo(401);
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
            JsonNode profile = JSON.readTree(server.plugin().post("/user/get-profile",
                    "{\"token-key\":\"Authorization\",\"token-value\":\"Bearer " + seen + "\"}").text());
            assertThat(profile.path("name").asText()).isEqualTo("Alice Martin");
            int search = Api.at(server.url(), "Bearer " + seen).get("/api/users?search=bob").status();
            assertThat(search).as("the directory needs Keycloak: an error to retry, not a crash").isIn(502, 503);

            keycloak.start();
            String later = login(keycloak.url());
            assertThat(Api.at(server.url(), "Bearer " + later).get("/api/me").status()).isEqualTo(200);
            assertThat(Api.at(server.url(), "Bearer " + later).get("/api/users?search=bob").status()).as("recovered by itself").isEqualTo(200);
        }
    }

    private static String login(String keycloakUrl) throws Exception {
        HttpResponse<String> answer = Stack.http().send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + Stack.realm()
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&scope=openid&client_id=" + Stack.env("KEYCLOAK_CLIENT_ID")
                        + "&username=alice&password=alice")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).path("access_token").asText();
    }

    /** A token like Keycloak's for alice, signed by a key Keycloak never had. */
    private static String forge(String issuer) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("forged-key").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forged-key").build(), new JWTClaimsSet.Builder()
                .issuer(issuer).subject("a11ce000-0000-4000-8000-000000000001").audience(List.of("albums-server"))
                .claim("azp", "albums-desktop").claim("typ", "Bearer").claim("preferred_username", "alice")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        Matcher kid = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"").matcher(header);
        return kid.find() ? kid.group(1) : "";
    }

    /** The tests-only client with manage-realm on the realm (stack/keycloak/albums-realm.json). */
    private static String realmAdminToken() throws Exception {
        HttpResponse<String> answer = keycloak("POST", "/realms/" + Stack.realm() + "/protocol/openid-connect/token", null,
                "grant_type=client_credentials&client_id=albums-tests-realm-admin&client_secret=albums-tests-realm-admin-secret");
        assertThat(answer.statusCode()).as("the realm holds the test client albums-tests-realm-admin: " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("access_token").asText();
    }

    private static HttpResponse<String> keycloak(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Stack.keycloakUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Stack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Plain TCP to Keycloak on a port of its own, that can be closed (Keycloak unreachable) and opened again. */
    private static final class Forwarder implements AutoCloseable {
        private final int target;
        private final int port;
        private volatile ServerSocket listening;
        private final List<Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();

        Forwarder(int target) throws IOException {
            this.target = target;
            try (ServerSocket probe = new ServerSocket(0)) {
                this.port = probe.getLocalPort();
            }
            start();
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        void start() throws IOException {
            listening = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            ServerSocket server = listening;
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        open.add(client);
                        open.add(upstream);
                        pipe(client.getInputStream(), upstream.getOutputStream());
                        pipe(upstream.getInputStream(), client.getOutputStream());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        void stop() throws IOException {
            listening.close();
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
        }

        private static void pipe(InputStream in, OutputStream out) {
            Thread thread = new Thread(() -> {
                try (in; out) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // the other side closed
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            stop();
        }
    }
}
