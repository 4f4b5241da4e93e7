package org.orthancalbums.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.BOB;
import static org.orthancalbums.server.tokens.PluginProtocolIT.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.Api.Reply;

/**
 * OE2's share and instant-link buttons, routed to albums-server with the user's token, and what the
 * links they make may do when the plugin asks about them: from the attacker's side.
 */
class ShareLinksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");

    private static String request(String type, String orthancId, String uid) {
        return "{\"Resources\":[{\"OrthancId\":" + (orthancId == null ? "null" : Api.quote(orthancId)) + ",\"DicomUid\":"
                + (uid == null ? "null" : Api.quote(uid)) + ",\"Level\":\"study\"}],\"Type\":\"" + type + "\",\"ValidityDuration\":600}";
    }

    @Test
    void ownersPublishTheirAlbumsStudiesAndViewersOnlyOpenThem() {
        String id = alice.createAlbum("Publish");
        String uid = Api.newStudyIn(id, "Publish^Me", "Published");
        String orthancId = Api.orthanc().findStudyId(uid).orElseThrow();
        alice.share(id, BOB, "VIEWER");

        Reply published = alice.put("/api/share-tokens/stone-viewer-publication", request("stone-viewer-publication", orthancId, uid));
        assertThat(published.status()).as(published.text()).isEqualTo(200);
        assertThat(published.json().path("Url").asText()).contains("stone-webviewer/index.html?study=" + uid).endsWith(published.json().path("Token").asText());

        Reply byViewer = bob.put("/api/share-tokens/stone-viewer-publication", request("stone-viewer-publication", orthancId, uid));
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byViewer.field("message")).contains("publish");
        Reply instant = bob.put("/api/share-tokens/viewer-instant-link", request("viewer-instant-link", orthancId, null));
        assertThat(instant.status()).as("a viewer opens its studies in a viewer").isEqualTo(200);
        assertThat(instant.json().path("Url").isNull()).isTrue();
        assertThat(bob.put("/api/share-tokens/download-instant-link", request("download-instant-link", null, uid)).status()).isEqualTo(200);
    }

    @Test
    void nobodyLinksAStudyOutsideTheirAlbums() {
        String id = alice.createAlbum("Mine");
        Api.newStudyIn(id, "Mine^Only", "Mine");
        String carolsAlbum = Api.as("carol").createAlbum("Carol's");
        String carols = Api.newStudyIn(carolsAlbum, "Carol^Study", "Hers");
        String carolsId = Api.orthanc().findStudyId(carols).orElseThrow();
        String loose = Api.newStudy("Loose^Study", "In no album");
        String looseId = Api.orthanc().findStudyId(loose).orElseThrow();

        for (String type : new String[] {"stone-viewer-publication", "viewer-instant-link", "download-instant-link"}) {
            assertThat(alice.put("/api/share-tokens/" + type, request(type, carolsId, null)).status()).as(type).isEqualTo(404);
            assertThat(alice.put("/api/share-tokens/" + type, request(type, null, carols)).status()).as(type).isEqualTo(404);
            assertThat(alice.put("/api/share-tokens/" + type, request(type, looseId, loose)).status()).as(type).isEqualTo(404);
        }
        // a resource whose two ids disagree is not a way around the check
        assertThat(alice.put("/api/share-tokens/viewer-instant-link", request("viewer-instant-link", carolsId, loose)).status()).isEqualTo(404);
        assertThat(alice.put("/api/share-tokens/viewer-instant-link", request("viewer-instant-link", "../../system", null)).status())
                .isEqualTo(404);
        assertThat(Api.anonymous().put("/api/share-tokens/viewer-instant-link", request("viewer-instant-link", carolsId, null)).status())
                .isEqualTo(401);
        // the plugin's own creation route does not say who asks: refused for everyone
        assertThat(plugin("PUT", "/tokens/stone-viewer-publication", "{\"resources\":[{\"orthanc-id\":\"" + carolsId
                + "\",\"level\":\"study\"}],\"type\":\"stone-viewer-publication\"}").status()).isEqualTo(403);

        Reply byAdmin = Api.as("admin").put("/api/share-tokens/stone-viewer-publication", request("stone-viewer-publication", looseId, null));
        assertThat(byAdmin.status()).as("admins may link any study").isEqualTo(200);
        String token = byAdmin.json().path("Token").asText();
        assertThat(validate("get", token, looseId, loose, null).path("granted").asBoolean()).isTrue();
    }

    @Test
    void badRequestsAreRefusedClearly() {
        String id = alice.createAlbum("Bad links");
        String uid = Api.newStudyIn(id, "Bad^Link", "Bad");
        String orthancId = Api.orthanc().findStudyId(uid).orElseThrow();
        assertThat(alice.put("/api/share-tokens/not-a-type", request("not-a-type", orthancId, uid)).status()).isEqualTo(400);
        assertThat(alice.put("/api/share-tokens/meddream-instant-link", request("meddream-instant-link", orthancId, uid)).status())
                .isEqualTo(400);
        assertThat(alice.put("/api/share-tokens/stone-viewer-publication", request("ohif-viewer-publication", orthancId, uid)).status())
                .isEqualTo(400);
        assertThat(alice.put("/api/share-tokens/stone-viewer-publication", "{\"Resources\":[]}").status()).isEqualTo(400);
        assertThat(alice.put("/api/share-tokens/stone-viewer-publication", "{\"Resources\":[{\"OrthancId\":\"" + orthancId
                + "\",\"Level\":\"series\"}]}").status()).isEqualTo(400);
        assertThat(alice.put("/api/share-tokens/stone-viewer-publication", "{\"Resources\":[{\"OrthancId\":\"" + orthancId
                + "\"}],\"ExpirationDate\":\"next tuesday\"}").status()).isEqualTo(400);
        assertThat(alice.put("/api/share-tokens/stone-viewer-publication", "{\"Resources\":[{\"OrthancId\":\"" + orthancId
                + "\"}],\"ExpirationDate\":\"2020-01-01T00:00:00.000Z\"}").status()).isEqualTo(400);
        Reply broken = alice.put("/api/share-tokens/stone-viewer-publication", "{not json");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.field("message")).contains("JSON");
    }

    @Test
    void instantLinksLiveNoLongerThanAViewToken() throws Exception {
        String id = alice.createAlbum("Instant");
        String uid = Api.newStudyIn(id, "Instant^Link", "Instant");
        String body = "{\"Resources\":[{\"DicomUid\":\"" + uid + "\",\"Level\":\"study\"}],\"ValidityDuration\":999999999}";
        String token = alice.put("/api/share-tokens/viewer-instant-link", body).json().path("Token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        Instant expires = Instant.parse(claims.path("expiration_date").asText().replace("+00:00", "Z"));
        assertThat(expires).isBefore(Instant.now().plus(Duration.ofHours(5)).plusSeconds(60));
    }

    /**
     * The plugin checks a DICOMweb read with a "get" carrying the study's labels, then a "post" without them
     * (the DICOMweb plugin's internal /tools/find). Writes come as "post" with labels, or without them when
     * the plugin believes the study unlabelled, as "delete" or as "put".
     */
    @Test
    void aLinkReadsAndNeverWrites() {
        String id = alice.createAlbum("Read only");
        String label = alice.get("/api/albums/" + id).field("label");
        String uid = Api.newStudyIn(id, "Read^Only", "Read only");
        String orthancId = Api.orthanc().findStudyId(uid).orElseThrow();
        String token = alice.put("/api/share-tokens/stone-viewer-publication", request("stone-viewer-publication", orthancId, uid))
                .json().path("Token").asText();

        JsonNode coldWrite = validate("post", token, orthancId, uid, null);
        assertThat(coldWrite.path("granted").asBoolean()).as("a write when the plugin believes the study unlabelled").isFalse();
        assertThat(coldWrite.path("validity").asInt()).isZero();
        assertThat(validate("post", token, orthancId, uid, label).path("granted").asBoolean()).as("modify/anonymize").isFalse();
        assertThat(validate("delete", token, orthancId, uid, label).path("granted").asBoolean()).isFalse();
        assertThat(validate("put", token, orthancId, uid, label).path("granted").asBoolean()).isFalse();

        JsonNode read = validate("get", token, orthancId, uid, label);
        assertThat(read.path("granted").asBoolean()).isTrue();
        assertThat(read.path("validity").asInt()).isBetween(1, 10);
        JsonNode find = validate("post", token, orthancId, uid, null);
        assertThat(find.path("granted").asBoolean()).as("the DICOMweb plugin's find, right after the read").isTrue();
        assertThat(find.path("validity").asInt()).as("never cached: the plugin's cache key ignores labels").isZero();
        assertThat(validate("post", token, orthancId, uid, label).path("granted").asBoolean()).as("still no write").isFalse();

        String other = Api.newStudyIn(id, "Other^Study", "Other");
        String otherId = Api.orthanc().findStudyId(other).orElseThrow();
        assertThat(validate("get", token, otherId, other, label).path("granted").asBoolean()).isFalse();
        assertThat(validate("post", token, otherId, other, null).path("granted").asBoolean()).isFalse();
    }

    @Test
    void aLinkDiesWithItsCreatorsRightOrWhenItsStudyLeavesTheAlbum() {
        String id = alice.createAlbum("Links follow rights");
        String label = alice.get("/api/albums/" + id).field("label");
        String uid = Api.newStudyIn(id, "Follow^Rights", "Rights");
        String orthancId = Api.orthanc().findStudyId(uid).orElseThrow();
        alice.share(id, BOB, "EDITOR");
        String bobs = bob.put("/api/share-tokens/stone-viewer-publication", request("stone-viewer-publication", orthancId, uid))
                .json().path("Token").asText();
        String alices = alice.put("/api/share-tokens/stone-viewer-publication", request("stone-viewer-publication", orthancId, uid))
                .json().path("Token").asText();
        assertThat(validate("get", bobs, orthancId, uid, label).path("granted").asBoolean()).isTrue();

        alice.share(id, BOB, "VIEWER");
        assertThat(validate("get", bobs, orthancId, uid, label).path("granted").asBoolean()).as("bob may no longer publish").isFalse();
        assertThat(validate("get", alices, orthancId, uid, label).path("granted").asBoolean()).isTrue();
        // the plugin sends the labels it has (cached up to 60 s); without the album's label the link reads nothing
        assertThat(validate("get", alices, orthancId, uid, "alb_elsewhere_x").path("granted").asBoolean()).isFalse();
        assertThat(validate("get", alices, orthancId, uid, null).path("granted").asBoolean()).isFalse();
        JsonNode decoded = plugin("POST", "/tokens/decode", "{\"token-key\":\"token\",\"token-value\":\"" + alices + "\"}").json();
        assertThat(decoded.path("resources")).hasSize(1);
        assertThat(alice.delete("/api/albums/" + id + "/studies/" + uid).status()).isEqualTo(204);
        decoded = plugin("POST", "/tokens/decode", "{\"token-key\":\"token\",\"token-value\":\"" + alices + "\"}").json();
        assertThat(decoded.path("resources")).as("a QIDO restricted to the token's studies finds nothing any more").isEmpty();
    }

    static JsonNode validate(String method, String token, String orthancId, String uid, String label) {
        return plugin("POST", "/tokens/validate", "{\"method\":\"" + method + "\",\"level\":\"study\",\"orthanc-id\":\"" + orthancId
                + "\",\"dicom-uid\":\"" + uid + "\",\"token-key\":\"token\",\"token-value\":\"" + token + "\",\"server-id\":null"
                + (label == null ? "" : ",\"labels\":[\"" + label + "\"]") + "}").json();
    }
}
