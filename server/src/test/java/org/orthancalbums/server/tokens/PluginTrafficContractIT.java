package org.orthancalbums.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.BOB;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;

/**
 * Replays, against albums-server, every call the real authorization plugin made in the flows of
 * view tokens, share links and instant links (recorded in {@code plugin-traffic/authorization-0.11.4.json}
 * with the Orthanc request that caused each), and expects the answers that made the plugin do the
 * right thing then. The same cast is set up again: alice's album holding study A, bob its viewer,
 * carol's album holding B, and C, a study of A's patient in no album. When the plugin's behaviour is
 * observed again, the recording is the place to update.
 */
class PluginTrafficContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Supplier<String>> lazy = new HashMap<>();
    private String albumId;

    @Test
    void everyRecordedPluginCallGetsTheAnswerThatWorkedThroughTheRealPlugin() throws Exception {
        JsonNode recording;
        try (InputStream in = getClass().getResourceAsStream("/plugin-traffic/authorization-0.11.4.json")) {
            recording = JSON.readTree(in);
        }
        setUpTheCast();
        int replayed = 0;
        for (JsonNode flow : recording.path("flows")) {
            if (flow.has("action")) {
                perform(flow.path("action").asText());
                continue;
            }
            for (JsonNode call : flow.path("plugin-calls")) {
                replay(flow, call);
                replayed++;
            }
        }
        assertThat(replayed).isGreaterThan(50);
    }

    private void setUpTheCast() {
        albumId = alice.createAlbum("Contract");
        String patientId = "PID-" + Uids.random().substring(30);
        String ua = Uids.random();
        store(patientId, ua, 1);
        store(patientId, ua, 2);
        assertThat(Api.as("admin").put("/api/albums/" + albumId + "/studies/" + ua, "").status()).isEqualTo(204);
        String uc = Uids.random();
        store(patientId, uc, 1);
        String carolsAlbum = Api.as("carol").createAlbum("Contract (carol)");
        String ub = Api.newStudyIn(carolsAlbum, "Contract^B", "B");
        alice.share(albumId, BOB, "VIEWER");

        String ia = Api.orthanc().findStudyId(ua).orElseThrow();
        values.putAll(Map.of("UA", ua, "UB", ub, "UC", uc, "IA", ia, "IB", Api.orthanc().findStudyId(ub).orElseThrow(),
                "IC", Api.orthanc().findStudyId(uc).orElseThrow(), "PA", Api.orthanc().study(ia).path("ParentPatient").asText(),
                "LABEL", alice.get("/api/albums/" + albumId).field("label"), "ALBUM", albumId,
                "ORTHANC_ROOT", Stack.orthancUrl().toString().replaceAll("/+$", "") + "/"));
        values.putAll(Map.of("ALICE", Stack.accessToken("alice"), "BOB", Stack.accessToken("bob"), "ADMIN", Stack.accessToken("admin")));
        String viewRequest = "{\"kind\":\"view\",\"studyInstanceUid\":\"" + ua + "\",\"expiresInSeconds\":%d}";
        lazy.put("VIEW_TOKEN", () -> viewToken(viewRequest.formatted(3600)));
        lazy.put("ALBUM_VIEW_TOKEN", () -> viewToken("{\"kind\":\"view\",\"expiresInSeconds\":3600}"));
        // made when first used, as in the recording, so that it expires during the replay
        lazy.put("SHORT_VIEW_TOKEN", () -> viewToken(viewRequest.formatted(2)));
        lazy.put("PUBLICATION", () -> shareLink(alice, "stone-viewer-publication"));
        lazy.put("INSTANT_LINK", () -> shareLink(bob, "viewer-instant-link"));
        lazy.put("DOWNLOAD_LINK", () -> shareLink(bob, "download-instant-link"));
    }

    private static void store(String patientId, String studyUid, int number) {
        Api.orthanc().storeInstance(DicomFileWriter.write(new DicomFileWriter.Instance(patientId, "Contract^A", studyUid,
                studyUid + ".1", studyUid + ".1." + number, "20240315", "A", "MR", number, 1, 8, 8)));
    }

    private String viewToken(String request) {
        Api.Reply created = bob.post("/api/albums/" + albumId + "/tokens", request);
        assertThat(created.status()).isEqualTo(201);
        values.put(created.field("token"), created.field("id"));
        return created.field("token");
    }

    /** As OE2's buttons ask, through the reverse proxy's route to albums-server. */
    private String shareLink(Api who, String type) {
        Api.Reply created = who.put("/api/share-tokens/" + type, "{\"Resources\":[{\"OrthancId\":\"" + value("IA")
                + "\",\"DicomUid\":\"" + value("UA") + "\",\"Level\":\"study\"}],\"Type\":\"" + type + "\",\"ValidityDuration\":600}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return created.json().path("Token").asText();
    }

    private void perform(String action) throws InterruptedException {
        switch (action) {
            case "revoke VIEW_TOKEN" -> assertThat(bob.delete("/api/albums/" + albumId + "/tokens/" + values.get(value("VIEW_TOKEN")))
                    .status()).isEqualTo(204);
            case "wait for SHORT_VIEW_TOKEN to expire" -> Thread.sleep(2_500);
            case "remove bob from the album" -> assertThat(alice.delete("/api/albums/" + albumId + "/members/" + BOB).status())
                    .isEqualTo(204);
            default -> throw new IllegalArgumentException("the recording names an action this test does not know: " + action);
        }
    }

    private void replay(JsonNode flow, JsonNode call) throws Exception {
        String[] request = call.path("request").asText().split(" ", 2);
        Map<String, String> headers = new HashMap<>();
        call.path("headers").properties().forEach(h -> headers.put(h.getKey(), fill(h.getValue().asText())));
        PluginProtocolIT.Answer answer = PluginProtocolIT.plugin(request[0], request[1], fill(call.path("body").toString()),
                Stack.basic(Stack.env("PLUGIN_USER"), Stack.env("PLUGIN_PASSWORD")), headers);
        String what = flow.path("orthanc-request").asText() + " (" + flow.path("what").asText() + ") -> " + call.path("request").asText();
        assertThat(answer.status()).as(what).isEqualTo(call.path("status").asInt());
        JsonNode expected = JSON.readTree(fill(call.path("answer").toString()));
        if (answer.status() != 200) {
            return;
        }
        switch (request[1]) {
            case "/tokens/validate" -> assertThat(answer.json()).as(what).isEqualTo(expected);
            case "/user/get-profile" -> {
                for (String field : new String[] {"name", "validity", "user-id"}) {
                    assertThat(answer.json().path(field)).as(what + ": " + field).isEqualTo(expected.path(field));
                }
                if (expected.has("user-id")) {
                    // the stack's users are members of other tests' albums too: theirs come on top
                    assertThat(answer.json().path("permissions")).as(what).containsAll(expected.path("permissions"));
                    assertThat(answer.json().path("authorized-labels")).as(what).containsAll(expected.path("authorized-labels"));
                } else {
                    assertThat(answer.json().path("permissions")).as(what).isEqualTo(expected.path("permissions"));
                    assertThat(answer.json().path("authorized-labels")).as(what).isEqualTo(expected.path("authorized-labels"));
                }
            }
            case "/tokens/decode" -> assertThat(answer.json()).as(what).isEqualTo(expected);
            default -> throw new IllegalArgumentException("unexpected plugin call " + call.path("request").asText());
        }
    }

    private String fill(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    private String value(String name) {
        String v = values.get(name);
        if (v == null) {
            Supplier<String> make = lazy.get(name);
            if (make == null) {
                throw new IllegalArgumentException("the recording uses ${" + name + "}, which this test does not make");
            }
            v = make.get();
            values.put(name, v);
        }
        return v;
    }
}
