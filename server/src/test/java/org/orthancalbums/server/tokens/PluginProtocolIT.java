package org.orthancalbums.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.CAROL;
import static org.orthancalbums.server.Api.DAVE;

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
        // dave belongs to no other album, so his permissions are this album's alone
        String id = alice.createAlbum("Profile");
        String label = alice.get("/api/albums/" + id).field("label");
        String body = "{\"token-key\":\"authorization\",\"token-value\":\"" + bearer("dave") + "\",\"server-id\":null}";
        try {
            alice.share(id, DAVE, "VIEWER");
            Answer profile = plugin("POST", "/user/get-profile", body);
            assertThat(profile.status()).isEqualTo(200);
            assertThat(profile.json().path("name").asText()).isEqualTo("Dave Okafor");
            assertThat(profile.json().path("permissions").toString()).as("a viewer may not publish").isEqualTo("[\"view\",\"download\"]");
            assertThat(profile.json().path("authorized-labels").toString()).isEqualTo("[\"" + label + "\"]");
            assertThat(profile.json().path("validity").asInt()).isBetween(1, 10);
            assertThat(profile.json().path("user-id").asText()).isEqualTo(DAVE);

            alice.share(id, DAVE, "EDITOR");
            assertThat(plugin("POST", "/user/get-profile", body).json().path("permissions").toString())
                    .as("an editor may publish: OE2 shows its share button").isEqualTo("[\"view\",\"download\",\"share\"]");
        } finally {
            alice.delete("/api/albums/" + id + "/members/" + DAVE);
        }
        JsonNode after = plugin("POST", "/user/get-profile", body).json();
        assertThat(after.path("authorized-labels")).isEmpty();
        assertThat(after.path("permissions").toString()).isEqualTo("[\"view\",\"download\"]");
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

}
