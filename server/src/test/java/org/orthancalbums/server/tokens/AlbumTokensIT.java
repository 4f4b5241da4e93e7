package org.orthancalbums.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.BOB;
import static org.orthancalbums.server.tokens.PluginProtocolIT.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.Api.Reply;

/** Album-bound tokens: creation rules, listing without secrets, revocation, and what the plugin learns about view tokens. */
class AlbumTokensIT {
    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");

    @Test
    void uploadTokensNeedContributorsAndAreListedWithoutSecrets() {
        String id = alice.createAlbum("Tokens");
        alice.share(id, BOB, "VIEWER");
        Reply created = alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"upload\",\"expiresInSeconds\":3600}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.field("token")).startsWith("oat_").hasSizeGreaterThan(40);
        assertThat(created.field("kind")).isEqualTo("upload");
        assertThat(created.field("dicomWebRoot")).isEqualTo(Stack.albumsUrl() + "/dicom-web");

        assertThat(bob.post("/api/albums/" + id + "/tokens", "{\"kind\":\"upload\"}").status()).isEqualTo(403);
        assertThat(Api.as("carol").post("/api/albums/" + id + "/tokens", "{\"kind\":\"upload\"}").status()).isEqualTo(404);
        Reply bobsView = bob.post("/api/albums/" + id + "/tokens", "{\"kind\":\"view\",\"expiresInSeconds\":300}");
        assertThat(bobsView.status()).isEqualTo(201);
        assertThat(bobsView.field("dicomWebRoot")).isEqualTo(Stack.env("DICOMWEB_URL"));

        Reply listed = alice.get("/api/albums/" + id + "/tokens");
        assertThat(listed.json()).hasSize(2);
        assertThat(listed.text()).doesNotContain(created.field("token")).doesNotContain("oat_");
        assertThat(listed.json().get(1).path("creatorName").asText()).isEqualTo("Alice Martin");
        assertThat(bob.get("/api/albums/" + id + "/tokens").json()).as("a viewer sees only its own").hasSize(1);
        assertThat(alice.get("/api/albums/" + id + "/events").text()).contains("token_created");
    }

    @Test
    void badTokenRequestsAreRefused() {
        String id = alice.createAlbum("Bad tokens");
        assertThat(alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"admin\"}").status()).isEqualTo(400);
        assertThat(alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"view\",\"expiresInSeconds\":86400}").status()).isEqualTo(400);
        assertThat(alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"upload\",\"expiresInSeconds\":0}").status()).isEqualTo(400);
        assertThat(alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"upload\",\"studyInstanceUid\":\"1.2.3\"}").status()).isEqualTo(400);
        assertThat(alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"view\",\"studyInstanceUid\":\"1.2.3.4.5\"}").status()).isEqualTo(404);
        assertThat(alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"view\",\"secret\":\"mine\"}").status()).isEqualTo(400);
        assertThat(alice.get("/api/albums/" + id + "/tokens").json()).isEmpty();
    }

    @Test
    void aStudyViewTokenReadsExactlyItsStudyThroughThePlugin() {
        String id = alice.createAlbum("Slicer");
        String uid = Api.newStudyIn(id, "Slicer^Patient", "For Slicer");
        String other = Api.newStudyIn(id, "Other^Patient", "Not in the token");
        String orthancId = Api.orthanc().findStudyId(uid).orElseThrow();
        String otherId = Api.orthanc().findStudyId(other).orElseThrow();
        String token = alice.post("/api/albums/" + id + "/tokens",
                "{\"kind\":\"view\",\"expiresInSeconds\":300,\"studyInstanceUid\":\"" + uid + "\"}").field("token");

        JsonNode profile = plugin("POST", "/user/get-profile",
                "{\"token-key\":\"authorization\",\"token-value\":\"Bearer " + token + "\",\"server-id\":null}").json();
        assertThat(profile.path("permissions")).as("no labels, no permissions: the plugin asks validate").isEmpty();
        assertThat(profile.path("authorized-labels")).isEmpty();
        assertThat(profile.path("name").asText()).contains("Alice Martin");

        assertThat(validate(token, uid, orthancId)).isTrue();
        assertThat(validate(token, other, otherId)).isFalse();
        JsonNode decoded = plugin("POST", "/tokens/decode", "{\"token-key\":\"authorization\",\"token-value\":\"Bearer " + token + "\"}").json();
        assertThat(decoded.path("error-code").isNull()).isTrue();
        assertThat(decoded.path("resources")).hasSize(1);
        assertThat(decoded.path("resources").get(0).path("dicom-uid").asText()).isEqualTo(uid);
        assertThat(decoded.path("resources").get(0).path("orthanc-id").asText()).isEqualTo(orthancId);
    }

    @Test
    void anAlbumViewTokenReadsTheAlbumsLabel() {
        String id = alice.createAlbum("Album link");
        String label = alice.get("/api/albums/" + id).field("label");
        String token = alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"view\",\"expiresInSeconds\":300}").field("token");
        JsonNode profile = profileOf(token);
        assertThat(profile.path("permissions").toString()).isEqualTo("[\"view\",\"download\"]");
        assertThat(profile.path("authorized-labels").toString()).isEqualTo("[\"" + label + "\"]");
        String uploadToken = alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"upload\"}").field("token");
        assertThat(profileOf(uploadToken).path("authorized-labels")).as("an upload token reads nothing").isEmpty();
    }

    @Test
    void revokedTokensAndTokensOfFormerMembersDieAtOnce() {
        String id = alice.createAlbum("Revocation");
        String uid = Api.newStudyIn(id, "Revoke^Patient", "Revoked");
        String orthancId = Api.orthanc().findStudyId(uid).orElseThrow();
        Reply created = alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"view\",\"studyInstanceUid\":\"" + uid + "\"}");
        assertThat(validate(created.field("token"), uid, orthancId)).isTrue();
        assertThat(bob.delete("/api/albums/" + id + "/tokens/" + created.field("id")).status()).as("not bob's business").isEqualTo(404);
        assertThat(alice.delete("/api/albums/" + id + "/tokens/" + created.field("id")).status()).isEqualTo(204);
        assertThat(validate(created.field("token"), uid, orthancId)).isFalse();
        assertThat(alice.get("/api/albums/" + id + "/tokens").json().get(0).path("revokedAt").isNull()).isFalse();

        alice.share(id, BOB, "EDITOR");
        String bobsToken = bob.post("/api/albums/" + id + "/tokens", "{\"kind\":\"view\",\"studyInstanceUid\":\"" + uid + "\"}").field("token");
        assertThat(validate(bobsToken, uid, orthancId)).isTrue();
        alice.delete("/api/albums/" + id + "/members/" + BOB);
        assertThat(validate(bobsToken, uid, orthancId)).as("bob left: his token dies").isFalse();

        String carolsAlbum = Api.as("carol").createAlbum("Carol deletes");
        String carolsToken = Api.as("carol").post("/api/albums/" + carolsAlbum + "/tokens", "{\"kind\":\"view\"}").field("token");
        assertThat(profileOf(carolsToken).path("authorized-labels")).hasSize(1);
        Api.as("carol").delete("/api/albums/" + carolsAlbum);
        assertThat(profileOf(carolsToken).path("authorized-labels")).isEmpty();
    }

    @Test
    void expiredTokensDie() throws Exception {
        String id = alice.createAlbum("Expiry");
        String token = alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"view\",\"expiresInSeconds\":1}").field("token");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!profileOf(token).path("authorized-labels").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(profileOf(token).path("authorized-labels")).isEmpty();
        assertThat(plugin("POST", "/tokens/decode", "{\"token-key\":\"token\",\"token-value\":\"" + token + "\"}")
                .json().path("error-code").asText()).isEqualTo("invalid");
    }

    private static JsonNode profileOf(String token) {
        return plugin("POST", "/user/get-profile",
                "{\"token-key\":\"authorization\",\"token-value\":\"Bearer " + token + "\",\"server-id\":null}").json();
    }

    /** As the plugin asks for a native read: the study's labels (as it has them cached) come along. */
    private boolean validate(String token, String uid, String orthancId) {
        String labels = Api.orthanc().studyLabels(orthancId).stream().map(Api::quote).collect(java.util.stream.Collectors.joining(","));
        return plugin("POST", "/tokens/validate", "{\"method\":\"get\",\"level\":\"study\",\"orthanc-id\":\"" + orthancId
                + "\",\"dicom-uid\":\"" + uid + "\",\"token-key\":\"authorization\",\"token-value\":\"Bearer " + token
                + "\",\"server-id\":null,\"labels\":[" + labels + "]}").json().path("granted").asBoolean();
    }
}
