package org.orthancalbums.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.BOB;
import static org.orthancalbums.server.Api.CAROL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;

/**
 * albums-server as the Orthanc authorization plugin's web service, with the exact bodies the plugin
 * (0.9-0.11) sends: chunked JSON, basic auth, "Bearer …" as token-value.
 */
public class PluginProtocolIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Api alice = Api.as("alice");

    public record Answer(int status, JsonNode json, HttpResponse<String> response) {
    }

    public static Answer plugin(String method, String path, String body) {
        return plugin(method, path, body, Stack.basic(Stack.env("PLUGIN_USER"), Stack.env("PLUGIN_PASSWORD")), Map.of());
    }

    /** Sends like the plugin: the body as a stream, so it goes out chunked with no Content-Length. */
    static Answer plugin(String method, String path, String body, String authorization, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(Stack.albumsUrl().resolve(path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = Stack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String bearer(String user) {
        return "Bearer " + Stack.accessToken(user);
    }

    @Test
    void anAlbumMembersProfileHoldsTheLabelsOfItsAlbumsAndLosesThemWhenRemoved() {
        String id = alice.createAlbum("Profile");
        String label = alice.get("/api/albums/" + id).field("label");
        alice.share(id, BOB, "VIEWER");
        String body = "{\"token-key\":\"authorization\",\"token-value\":\"" + bearer("bob") + "\",\"server-id\":null}";

        Answer profile = plugin("POST", "/user/get-profile", body);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().path("name").asText()).isEqualTo("Bob Dupont");
        assertThat(profile.json().path("permissions").toString()).isEqualTo("[\"view\",\"download\"]");
        assertThat(profile.json().path("authorized-labels").toString()).contains(label);
        assertThat(profile.json().path("validity").asInt()).isBetween(1, 10);
        assertThat(profile.json().path("user-id").asText()).isEqualTo(BOB);

        alice.delete("/api/albums/" + id + "/members/" + BOB);
        assertThat(plugin("POST", "/user/get-profile", body).json().path("authorized-labels").toString()).doesNotContain(label);
    }

    @Test
    void olderPluginsSendIdentifierInsteadOfServerId() {
        Answer profile = plugin("POST", "/user/get-profile",
                "{\"token-key\":\"authorization\",\"token-value\":\"" + bearer("alice") + "\",\"identifier\":\"orthanc-a\"}");
        assertThat(profile.json().path("name").asText()).isEqualTo("Alice Martin");
    }

    @Test
    void anonymousAndInvalidTokensGetTheCompleteAnonymousProfile() {
        for (String body : new String[] {"{\"token-key\":\"\",\"token-value\":\"\",\"server-id\":null}",
                "{\"token-key\":\"authorization\",\"token-value\":\"Bearer eyJnotreally.x.y\",\"server-id\":null}",
                "{\"token-key\":\"token\",\"token-value\":\"whatever\"}"}) {
            JsonNode profile = plugin("POST", "/user/get-profile", body).json();
            assertThat(profile.path("name").isTextual()).isTrue();
            assertThat(profile.path("permissions").isArray()).isTrue();
            assertThat(profile.path("permissions")).isEmpty();
            assertThat(profile.path("authorized-labels").isArray()).isTrue();
            assertThat(profile.path("authorized-labels")).isEmpty();
            assertThat(profile.path("validity").isInt()).isTrue();
        }
    }

    @Test
    void albumsAdminMayDoEverything() {
        JsonNode profile = plugin("POST", "/user/get-profile",
                "{\"token-key\":\"authorization\",\"token-value\":\"" + bearer("admin") + "\",\"server-id\":null}").json();
        assertThat(profile.path("permissions").toString()).isEqualTo("[\"all\"]");
        assertThat(profile.path("authorized-labels").toString()).isEqualTo("[\"*\"]");
    }

    @Test
    void auditLogsLookUpUsersById() {
        Answer carol = plugin("POST", "/user/get-profile", "{\"user-id\":\"" + CAROL + "\",\"server-id\":null}");
        assertThat(carol.json().path("name").asText()).isEqualTo("Carol Nguyen");
        Answer nobody = plugin("POST", "/user/get-profile", "{\"user-id\":\"00000000-0000-4000-8000-000000000000\",\"server-id\":null}");
        assertThat(nobody.status()).isEqualTo(200);
        assertThat(nobody.json().isNull()).isTrue();
    }

    @Test
    void shareTokensForOe2WorkAsInAuthService() {
        String id = alice.createAlbum("Shared links");
        String uid = Api.newStudyIn(id, "Share^Me", "Shared");
        String orthancId = Api.orthanc().findStudyId(uid).orElseThrow();
        Answer created = plugin("PUT", "/tokens/stone-viewer-publication", "{\"id\":\"share-1\",\"server-id\":null,"
                + "\"resources\":[{\"dicom-uid\":\"" + uid + "\",\"orthanc-id\":\"" + orthancId + "\",\"url\":\"/studies/" + orthancId
                + "\",\"level\":\"study\"}],\"type\":\"stone-viewer-publication\",\"validity-duration\":3600}");
        assertThat(created.status()).isEqualTo(200);
        String token = created.json().path("token").asText();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(created.json().path("url").asText()).contains("stone-webviewer/index.html?study=" + uid).contains("token=");
        assertThat(created.json().path("request").path("expiration-date").asText()).isNotEmpty();
        assertThat(created.json().path("request").path("resources").get(0).path("dicom-uid").asText()).isEqualTo(uid);

        String validate = "{\"method\":\"get\",\"level\":\"study\",\"orthanc-id\":\"%s\",\"dicom-uid\":\"%s\","
                + "\"token-key\":\"token\",\"token-value\":\"%s\",\"server-id\":null,\"labels\":[\"x\"]}";
        Answer granted = plugin("POST", "/tokens/validate", validate.formatted(orthancId, uid, token), authorization(), Map.of("token", token));
        assertThat(granted.json().path("granted").asBoolean()).isTrue();
        assertThat(granted.json().path("validity").asInt()).isBetween(1, 10);
        String otherUid = Api.newStudyIn(id, "Other^Study", "Not shared");
        String otherId = Api.orthanc().findStudyId(otherUid).orElseThrow();
        assertThat(plugin("POST", "/tokens/validate", validate.formatted(otherId, otherUid, token)).json().path("granted").asBoolean()).isFalse();
        assertThat(plugin("POST", "/tokens/validate", "{\"method\":\"get\",\"level\":\"system\",\"uri\":\"/changes\","
                + "\"token-key\":\"token\",\"token-value\":\"" + token + "\",\"server-id\":null}").json().path("granted").asBoolean()).isFalse();

        Answer decoded = plugin("POST", "/tokens/decode", "{\"token-key\":\"token\",\"token-value\":\"" + token + "\"}");
        assertThat(decoded.json().path("token-type").asText()).isEqualTo("stone-viewer-publication");
        assertThat(decoded.json().path("error-code").isNull()).isTrue();
        assertThat(decoded.json().path("redirect-url").asText()).contains("stone-webviewer");
        assertThat(decoded.json().path("resources").get(0).path("orthanc-id").asText()).isEqualTo(orthancId);
    }

    @Test
    void expiredAndForeignShareTokensGrantNothing() {
        Answer expired = plugin("PUT", "/tokens/ohif-viewer-publication", "{\"resources\":[{\"dicom-uid\":\"1.2.3\",\"level\":\"study\"}],"
                + "\"type\":\"ohif-viewer-publication\",\"expiration-date\":\"2020-01-01T00:00:00+00:00\"}");
        String token = expired.json().path("token").asText();
        assertThat(plugin("POST", "/tokens/validate", "{\"method\":\"get\",\"level\":\"study\",\"dicom-uid\":\"1.2.3\","
                + "\"token-key\":\"token\",\"token-value\":\"" + token + "\",\"server-id\":null}").json().path("granted").asBoolean()).isFalse();
        assertThat(plugin("POST", "/tokens/decode", "{\"token-key\":\"token\",\"token-value\":\"" + token + "\"}")
                .json().path("error-code").asText()).isEqualTo("expired");
        assertThat(plugin("POST", "/tokens/decode", "{\"token-key\":\"token\",\"token-value\":\"" + Stack.accessToken("alice") + "\"}")
                .json().path("error-code").asText()).isEqualTo("invalid");
        assertThat(plugin("POST", "/tokens/decode", "{\"token-key\":\"token\",\"token-value\":\"garbage\"}")
                .json().path("error-code").asText()).isEqualTo("invalid");
        // a Keycloak token is no share token: validate never grants with it
        assertThat(plugin("POST", "/tokens/validate", "{\"method\":\"get\",\"level\":\"study\",\"dicom-uid\":\"1.2.3\","
                + "\"token-key\":\"authorization\",\"token-value\":\"" + bearer("admin") + "\",\"server-id\":null}").json().path("granted").asBoolean()).isFalse();
    }

    @Test
    void instantLinksAreNotRedirectedAndBadCreationRequestsAreRefused() {
        Answer link = plugin("PUT", "/tokens/download-instant-link", "{\"resources\":[{\"orthanc-id\":\"abc\",\"level\":\"study\"}],"
                + "\"type\":\"download-instant-link\",\"validity-duration\":200}");
        assertThat(link.json().path("url").isNull()).isTrue();
        assertThat(plugin("POST", "/tokens/decode", "{\"token-key\":\"token\",\"token-value\":\"" + link.json().path("token").asText() + "\"}")
                .json().path("error-code").asText()).isEqualTo("unknown");
        assertThat(plugin("PUT", "/tokens/not-a-type", "{\"resources\":[{\"orthanc-id\":\"a\",\"level\":\"study\"}]}").status()).isEqualTo(400);
        assertThat(plugin("PUT", "/tokens/stone-viewer-publication", "{\"type\":\"ohif-viewer-publication\",\"resources\":[{\"orthanc-id\":\"a\",\"level\":\"study\"}]}").status()).isEqualTo(400);
        assertThat(plugin("PUT", "/tokens/stone-viewer-publication", "{\"resources\":[]}").status()).isEqualTo(400);
        assertThat(plugin("PUT", "/tokens/stone-viewer-publication", "{\"resources\":[{\"orthanc-id\":\"a\",\"level\":\"galaxy\"}]}").status()).isEqualTo(400);
        assertThat(plugin("PUT", "/tokens/stone-viewer-publication", "not json").status()).isEqualTo(400);
    }

    @Test
    void rolesSettingsGrantExtraPermissionsAndLabels() {
        Answer original = plugin("GET", "/settings/roles", null);
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.json().path("roles").path("albums-admin").path("permissions").toString()).contains("all");
        try {
            Answer saved = plugin("PUT", "/settings/roles", "{\"roles\":{\"album-creator\":{\"permissions\":[\"upload\"],"
                    + "\"authorized_labels\":[\"research\"]}},\"available-labels\":[\"research\"]}");
            assertThat(saved.status()).isEqualTo(200);
            assertThat(plugin("GET", "/settings/roles", null).json().path("roles").path("album-creator").path("authorized-labels").toString())
                    .isEqualTo("[\"research\"]");
            JsonNode profile = plugin("POST", "/user/get-profile",
                    "{\"token-key\":\"authorization\",\"token-value\":\"" + bearer("carol") + "\",\"server-id\":null}").json();
            assertThat(profile.path("permissions").toString()).contains("upload");
            assertThat(profile.path("authorized-labels").toString()).contains("research");
            assertThat(plugin("PUT", "/settings/roles", "{\"roles\":{\"x\":{\"permissions\":\"all\"}}}").status()).isEqualTo(400);
        } finally {
            plugin("PUT", "/settings/roles", original.json().toString());
        }
    }

    @Test
    void everyPluginRouteNeedsTheConfiguredBasicCredentials() {
        String[][] routes = {{"POST", "/user/get-profile"}, {"POST", "/tokens/validate"}, {"POST", "/tokens/decode"},
                {"PUT", "/tokens/stone-viewer-publication"}, {"GET", "/settings/roles"}, {"PUT", "/settings/roles"}};
        String[] wrong = {null, Stack.basic(Stack.env("PLUGIN_USER"), "wrong"), Stack.basic("intruder", Stack.env("PLUGIN_PASSWORD")),
                bearer("admin"), "Basic !!!notbase64"};
        String before = plugin("GET", "/settings/roles", null).json().toString();
        for (String[] route : routes) {
            for (String authorization : wrong) {
                Answer answer = plugin(route[0], route[1], route[0].equals("GET") ? null : "{\"roles\":{}}", authorization, Map.of());
                assertThat(answer.status()).as(route[1] + " with " + authorization).isEqualTo(401);
                assertThat(answer.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
            }
        }
        assertThat(plugin("GET", "/settings/roles", null).json().toString()).isEqualTo(before);
    }

    private static String authorization() {
        return Stack.basic(Stack.env("PLUGIN_USER"), Stack.env("PLUGIN_PASSWORD"));
    }
}
