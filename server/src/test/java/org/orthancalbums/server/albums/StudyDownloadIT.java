package org.orthancalbums.server.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.BOB;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;

/**
 * Downloading a study of an album file by file: the listing, the files byte for byte as stored, and
 * the attacker's side (not a member, a study outside the album, an image of another study, a forged
 * image reusing an album image's SOP Instance UID elsewhere).
 */
class StudyDownloadIT {
    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");

    @Test
    void membersListAStudysFilesAndGetEachAsStored() throws Exception {
        String album = alice.createAlbum("Download");
        String patient = "DL-" + Uids.random().substring(30);
        String study = Uids.random();
        Map<String, byte[]> stored = new LinkedHashMap<>();
        for (int series = 1; series <= 2; series++) {
            String seriesUid = Uids.random();
            for (int number = 1; number <= series + 1; number++) {
                stored.put(seriesUid + "/" + number, store(patient, study, seriesUid, Uids.random(), series, number));
            }
        }
        assertThat(Api.as("admin").put("/api/albums/" + album + "/studies/" + study, "").status()).isEqualTo(204);

        Api.Reply files = alice.get("/api/albums/" + album + "/studies/" + study + "/files");
        assertThat(files.status()).isEqualTo(200);
        assertThat(files.json()).hasSize(5);
        for (JsonNode file : files.json()) {
            byte[] expected = stored.get(file.path("seriesInstanceUid").asText() + "/" + file.path("instanceNumber").asInt());
            assertThat(expected).as("listed file %s", file).isNotNull();
            assertThat(file.path("size").asLong()).isEqualTo(expected.length);
            HttpResponse<byte[]> body = download("alice", album, study, file.path("sopInstanceUid").asText());
            assertThat(body.statusCode()).isEqualTo(200);
            assertThat(body.headers().firstValue("Content-Type")).hasValue("application/dicom");
            assertThat(body.headers().firstValueAsLong("Content-Length")).hasValue(expected.length);
            assertThat(body.body()).isEqualTo(expected);
        }

        // a viewer may download; before being one, bob cannot tell the album or the study exists
        String sop = files.json().get(0).path("sopInstanceUid").asText();
        assertThat(bob.get("/api/albums/" + album + "/studies/" + study + "/files").status()).isEqualTo(404);
        assertThat(download("bob", album, study, sop).statusCode()).isEqualTo(404);
        alice.share(album, BOB, "VIEWER");
        assertThat(download("bob", album, study, sop).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyImagesOfTheNamedStudyOfTheAlbumAreServed() throws Exception {
        String album = alice.createAlbum("Download attack");
        String mine = Api.newStudyIn(album, "Mine^Patient", "in the album");
        String mySop = alice.get("/api/albums/" + album + "/studies/" + mine + "/files").json().get(0).path("sopInstanceUid").asText();
        String elsewhere = Api.newStudy("Other^Patient", "in no album of alice");
        String otherSop = Api.orthanc().sopInstanceUids(Api.orthanc().findStudyId(elsewhere).orElseThrow()).iterator().next();

        // an image of another study, asked for through alice's study: refused as absent
        assertThat(download("alice", album, mine, otherSop).statusCode()).isEqualTo(404);
        // the other study itself, through alice's album: not in the album
        assertThat(download("alice", album, elsewhere, otherSop).statusCode()).isEqualTo(404);
        assertThat(alice.get("/api/albums/" + album + "/studies/" + elsewhere + "/files").status()).isEqualTo(404);
        // an album of someone else, naming alice's own study: not hers to read through
        String bobs = bob.createAlbum("Bob's");
        assertThat(download("alice", bobs, mine, mySop).statusCode()).isEqualTo(404);
        // not UIDs at all
        assertThat(alice.get("/api/albums/" + album + "/studies/" + mine + "/files/..%2F..%2Finstances").status()).isIn(400, 404);
        assertThat(alice.get("/api/albums/" + album + "/studies/" + mine + "/files/1.2.abc").status()).isEqualTo(400);

        // a forged file in another study reusing the SOP Instance UID of alice's image: she still gets her own image
        byte[] forged = store("FORGE-" + Uids.random().substring(30), Uids.random(), Uids.random(), mySop, 1, 1);
        HttpResponse<byte[]> answer = download("alice", album, mine, mySop);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isNotEqualTo(forged);
        assertThat(new String(answer.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Mine^Patient").doesNotContain("FORGE-");
    }

    private static byte[] store(String patient, String study, String series, String sop, int seriesNumber, int number) {
        byte[] dicom = DicomFileWriter.write(new DicomFileWriter.Instance(patient, "Download^Test", study, series, sop, "20250105",
                "Download", "MR", seriesNumber, number, 16, 16));
        Api.orthanc().storeInstance(dicom);
        return dicom;
    }

    private static HttpResponse<byte[]> download(String user, String album, String study, String sop) throws Exception {
        return Stack.http().send(HttpRequest.newBuilder(Stack.albumsUrl().resolve("/api/albums/" + album + "/studies/" + study + "/files/" + sop))
                .header("Authorization", "Bearer " + Stack.accessToken(user)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
