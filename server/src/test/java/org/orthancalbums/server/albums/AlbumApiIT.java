package org.orthancalbums.server.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.ALICE;
import static org.orthancalbums.server.Api.BOB;
import static org.orthancalbums.server.Api.CAROL;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.Api.Reply;

/** Every album route, against the stack's albums-server with real Keycloak tokens and Orthanc labels. */
class AlbumApiIT {
    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");

    @Test
    void configIsPublicAndNamesTheRealm() {
        Reply config = Api.anonymous().get("/api/config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.field("issuer")).isEqualTo(Stack.keycloakUrl() + "/realms/albums");
        assertThat(config.field("clientId")).isEqualTo("albums-desktop");
        assertThat(config.field("dicomWebRoot")).isEqualTo(Stack.env("DICOMWEB_URL"));
        assertThat(config.field("serverVersion")).isNotBlank();
    }

    @Test
    void clientsThatTryHttp2FirstAreServed() throws Exception {
        // java.net.http's default client opens with an h2c upgrade, which bare Jetty 11 refuses with a 400
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(Stack.albumsUrl().resolve("/api/me"))
                        .header("Authorization", "Bearer " + Stack.accessToken("alice")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"username\":\"alice\"");
    }

    @Test
    void meDescribesTheCaller() {
        Reply me = alice.get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.field("userId")).isEqualTo(ALICE);
        assertThat(me.field("username")).isEqualTo("alice");
        assertThat(me.field("name")).isEqualTo("Alice Martin");
        assertThat(me.field("email")).isEqualTo("alice@example.org");
        assertThat(me.json().path("canCreateAlbums").asBoolean()).isTrue();
        assertThat(me.json().path("roles").toString()).contains("album-creator");
    }

    @Test
    void createGetRenameDescribeAndListAnAlbum() {
        Reply created = alice.post("/api/albums", "{\"name\":\"  Échographies 2024 \",\"description\":\"Lyon\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.field("id");
        assertThat(created.field("name")).isEqualTo("Échographies 2024");
        assertThat(created.field("role")).isEqualTo("OWNER");
        assertThat(created.field("label")).startsWith("alb_echographies-2024_");
        assertThat(created.json().path("memberCount").asInt()).isEqualTo(1);
        assertThat(created.json().path("studyCount").asInt()).isZero();

        Reply renamed = alice.patch("/api/albums/" + id, "{\"name\":\"Echo Lyon\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.field("name")).isEqualTo("Echo Lyon");
        assertThat(renamed.field("description")).isEqualTo("Lyon");
        assertThat(renamed.field("label")).as("renaming never changes the label").isEqualTo(created.field("label"));
        assertThat(alice.patch("/api/albums/" + id, "{\"description\":\"Lyon, 2024\"}").field("description")).isEqualTo("Lyon, 2024");

        assertThat(alice.get("/api/albums/" + id).field("name")).isEqualTo("Echo Lyon");
        assertThat(ids(alice.get("/api/albums").json())).contains(id);
        assertThat(ids(bob.get("/api/albums").json())).doesNotContain(id);

        Reply events = alice.get("/api/albums/" + id + "/events");
        assertThat(kinds(events.json().path("items"))).containsExactly("described", "renamed", "created");
        assertThat(events.json().path("items").get(1).path("detail").path("from").asText()).isEqualTo("Échographies 2024");
        assertThat(events.json().path("items").get(0).path("actorName").asText()).isEqualTo("Alice Martin");
    }

    @Test
    void sharingMakesTheAlbumVisibleAndLeavingHidesItAgain() {
        String id = alice.createAlbum("Shared");
        assertThat(bob.get("/api/albums/" + id).status()).isEqualTo(404);

        Reply shared = alice.share(id, BOB, "viewer");
        assertThat(shared.status()).isEqualTo(200);
        assertThat(shared.field("username")).isEqualTo("bob");
        assertThat(shared.field("name")).isEqualTo("Bob Dupont");
        assertThat(shared.field("role")).isEqualTo("VIEWER");
        assertThat(bob.get("/api/albums/" + id).field("role")).isEqualTo("VIEWER");
        assertThat(ids(bob.get("/api/albums").json())).contains(id);

        assertThat(alice.share(id, BOB, "EDITOR").status()).isEqualTo(200);
        Reply members = alice.get("/api/albums/" + id + "/members");
        assertThat(members.json()).hasSize(2);
        assertThat(members.json().get(0).path("userId").asText()).isEqualTo(ALICE);
        assertThat(members.json().get(1).path("role").asText()).isEqualTo("EDITOR");

        assertThat(bob.delete("/api/albums/" + id + "/members/" + BOB).status()).as("bob leaves").isEqualTo(204);
        assertThat(bob.get("/api/albums/" + id).status()).isEqualTo(404);
        assertThat(kinds(alice.get("/api/albums/" + id + "/events").json().path("items")))
                .containsExactly("member_removed", "member_changed", "member_added", "created");
    }

    @Test
    void addingAnUnknownUserIsAClearNotFound() {
        String id = alice.createAlbum("Nobody");
        Reply reply = alice.share(id, "00000000-0000-4000-8000-00000000dead", "VIEWER");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.field("message")).contains("no user");
        assertThat(alice.get("/api/albums/" + id + "/members").json()).hasSize(1);
    }

    @Test
    void studiesAreListedPagedSearchedAddedAndRemoved() {
        String id = alice.createAlbum("Studies");
        String label = alice.get("/api/albums/" + id).field("label");
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            uids.add(Api.newStudyIn(id, "Patient^Number" + i, i % 2 == 0 ? "Knee MRI" : "Chest CT"));
        }
        Reply all = alice.get("/api/albums/" + id + "/studies");
        assertThat(all.json().path("total").asInt()).isEqualTo(5);
        JsonNode first = all.json().path("items").get(0);
        assertThat(first.path("patientName").asText()).startsWith("Patient^Number");
        assertThat(first.path("studyDate").asText()).isEqualTo("20240315");
        assertThat(first.path("modalities").toString()).isEqualTo("[\"CT\"]");
        assertThat(first.path("seriesCount").asInt()).isEqualTo(1);
        assertThat(first.path("instanceCount").asInt()).isEqualTo(1);
        assertThat(alice.get("/api/albums/" + id).json().path("studyCount").asInt()).isEqualTo(5);

        Reply page = alice.get("/api/albums/" + id + "/studies?offset=2&limit=2");
        assertThat(page.json().path("total").asInt()).isEqualTo(5);
        assertThat(page.json().path("items")).hasSize(2);

        Reply byName = alice.get("/api/albums/" + id + "/studies?sort=patientName");
        assertThat(byName.json().path("items").get(0).path("patientName").asText()).isEqualTo("Patient^Number0");
        Reply byNameDown = alice.get("/api/albums/" + id + "/studies?sort=-patientName&limit=1");
        assertThat(byNameDown.json().path("items").get(0).path("patientName").asText()).isEqualTo("Patient^Number4");
        assertThat(alice.get("/api/albums/" + id + "/studies?sort=-patientName&search=knee").json().path("items").get(0)
                .path("patientName").asText()).isEqualTo("Patient^Number4");
        assertThat(alice.get("/api/albums/" + id + "/studies?sort=bogus").status()).isEqualTo(400);

        Reply knees = alice.get("/api/albums/" + id + "/studies?search=knee");
        assertThat(knees.json().path("total").asInt()).isEqualTo(3);
        Reply number3 = alice.get("/api/albums/" + id + "/studies?search=number3");
        assertThat(number3.json().path("items").get(0).path("studyInstanceUid").asText()).isEqualTo(uids.get(3));

        assertThat(alice.delete("/api/albums/" + id + "/studies/" + uids.get(0)).status()).isEqualTo(204);
        assertThat(alice.get("/api/albums/" + id + "/studies").json().path("total").asInt()).isEqualTo(4);
        String studyId = Api.orthanc().findStudyId(uids.get(0)).orElseThrow();
        assertThat(Api.orthanc().studyLabels(studyId)).doesNotContain(label);
        assertThat(alice.delete("/api/albums/" + id + "/studies/" + uids.get(0)).status()).isEqualTo(404);

        // alice sees uids[1] through this album, so she may add it to another of hers
        String other = alice.createAlbum("Other");
        assertThat(alice.put("/api/albums/" + other + "/studies/" + uids.get(1), "").status()).isEqualTo(204);
        assertThat(alice.get("/api/albums/" + other + "/studies").json().path("total").asInt()).isEqualTo(1);
        assertThat(kinds(alice.get("/api/albums/" + other + "/events").json().path("items"))).first().isEqualTo("study_added");
    }

    @Test
    void aStudysDetailsSeriesAndThumbnailsAreServedToMembersOnly() throws Exception {
        String id = alice.createAlbum("Details");
        String uid = Api.newStudyIn(id, "Preview^Patient", "Preview me");
        Reply series = alice.get("/api/albums/" + id + "/studies/" + uid + "/series");
        assertThat(series.status()).isEqualTo(200);
        assertThat(series.json()).hasSize(1);
        assertThat(series.json().get(0).path("modality").asText()).isEqualTo("CT");
        assertThat(series.json().get(0).path("seriesNumber").asInt()).isEqualTo(1);
        assertThat(series.json().get(0).path("instanceCount").asInt()).isEqualTo(1);


        JsonNode details = alice.get("/api/albums/" + id + "/studies/" + uid).json();
        assertThat(details.path("patientName").asText()).isEqualTo("Preview^Patient");
        assertThat(details.path("studyDescription").asText()).isEqualTo("Preview me");
        // what DicomFileWriter put in the file, as Orthanc indexed it
        assertThat(details.path("patientBirthDate").asText()).isEqualTo("19700101");
        assertThat(details.path("patientSex").asText()).isEqualTo("O");
        assertThat(details.path("studyTime").asText()).isEqualTo("120000");
        assertThat(details.path("accessionNumber").asText()).startsWith("A");
        assertThat(details.path("referringPhysician").asText()).isEqualTo("Referring^Doctor");
        assertThat(details.path("institution").asText()).isEqualTo("Orthanc Albums Demo Hospital");
        assertThat(details.path("modalities").get(0).asText()).isEqualTo("CT");
        assertThat(details.path("series")).hasSize(1);
        String seriesUid = details.path("series").get(0).path("seriesInstanceUid").asText();
        assertThat(png("alice", "/api/albums/" + id + "/studies/" + uid + "/series/" + seriesUid + "/preview")).isEqualTo(200);

        String other = alice.createAlbum("Not holding it");
        String elsewhere = Api.newStudyIn(other, "Other^Patient", "Another study");
        String elsewhereSeries = alice.get("/api/albums/" + other + "/studies/" + elsewhere).json().path("series").get(0).path("seriesInstanceUid").asText();
        for (String path : List.of("", "/series", "/series/" + seriesUid + "/preview")) {
            assertThat(bob.get("/api/albums/" + id + "/studies/" + uid + path).status()).as("bob, not a member: " + path).isEqualTo(404);
            assertThat(alice.get("/api/albums/" + other + "/studies/" + uid + path).status()).as("album not holding it: " + path).isEqualTo(404);
        }
        // a series of another study, even one she may see, is not a series of this study
        assertThat(alice.get("/api/albums/" + id + "/studies/" + uid + "/series/" + elsewhereSeries + "/preview").status()).isEqualTo(404);
        assertThat(alice.get("/api/albums/" + id + "/studies/" + uid + "/series/not-a-uid/preview").status()).isEqualTo(400);
    }

    private static int png(String user, String path) throws Exception {
        var image = Stack.http().send(java.net.http.HttpRequest.newBuilder(Stack.albumsUrl().resolve(path))
                .header("Authorization", "Bearer " + Stack.accessToken(user)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (image.statusCode() == 200) {
            assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(java.util.Arrays.copyOf(image.body(), 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        }
        return image.statusCode();
    }

    @Test
    void deletingAnAlbumRemovesItsLabelButKeepsTheStudies() {
        String id = alice.createAlbum("Doomed");
        String label = alice.get("/api/albums/" + id).field("label");
        String uid = Api.newStudyIn(id, "Keep^Me", "Kept");
        String studyId = Api.orthanc().findStudyId(uid).orElseThrow();
        assertThat(Api.orthanc().studyLabels(studyId)).contains(label);

        assertThat(alice.delete("/api/albums/" + id).status()).isEqualTo(204);
        assertThat(alice.get("/api/albums/" + id).status()).isEqualTo(404);
        assertThat(Api.orthanc().studyLabels(studyId)).doesNotContain(label);
        assertThat(Api.orthanc().findStudyId(uid)).as("the study stays in Orthanc").isPresent();
    }

    @Test
    void adminsSeeEveryAlbumOnRequest() {
        String id = Api.as("carol").createAlbum("Carol's");
        Api admin = Api.as("admin");
        assertThat(ids(admin.get("/api/albums").json())).doesNotContain(id);
        assertThat(ids(admin.get("/api/albums?all=true").json())).contains(id);
        assertThat(admin.get("/api/albums/" + id).field("role")).isEqualTo("OWNER");
        assertThat(alice.get("/api/albums?all=true").status()).isEqualTo(403);
    }

    @Test
    void userSearchFindsPeopleForTheShareDialog() {
        alice.createAlbum("To share");
        Reply found = alice.get("/api/users?search=Nguy");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).hasSize(1);
        assertThat(found.json().get(0).path("id").asText()).isEqualTo(CAROL);
        assertThat(found.json().get(0).path("name").asText()).isEqualTo("Carol Nguyen");
        assertThat(found.json().get(0).path("email").asText()).as("searched by name: no address handed out").isEmpty();
        Reply byAddress = alice.get("/api/users?search=carol@exa");
        assertThat(byAddress.json().get(0).path("email").asText()).as("the address the searcher typed").isEqualTo("carol@example.org");
        assertThat(alice.get("/api/users?search=service").json()).as("service accounts are not people").isEmpty();
        assertThat(alice.get("/api/users?search=c").status()).isEqualTo(400);
        assertThat(Api.anonymous().get("/api/users?search=car").status()).isEqualTo(401);
    }

    @Test
    void eventsArePaged() {
        String id = alice.createAlbum("Busy");
        for (int i = 0; i < 4; i++) {
            alice.patch("/api/albums/" + id, "{\"description\":\"v" + i + "\"}");
        }
        Reply page = alice.get("/api/albums/" + id + "/events?offset=1&limit=2");
        assertThat(page.json().path("total").asInt()).isEqualTo(5);
        assertThat(page.json().path("items")).hasSize(2);
        assertThat(alice.get("/api/albums/" + id + "/events?limit=0").status()).isEqualTo(400);
        assertThat(alice.get("/api/albums/" + id + "/events?offset=x").status()).isEqualTo(400);
    }

    static List<String> ids(JsonNode albums) {
        List<String> ids = new ArrayList<>();
        albums.forEach(a -> ids.add(a.path("id").asText()));
        return ids;
    }

    static List<String> kinds(JsonNode events) {
        List<String> kinds = new ArrayList<>();
        events.forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }
}
