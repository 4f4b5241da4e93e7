package org.orthancalbums.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.ALICE;
import static org.orthancalbums.server.ingest.IngestIT.albumStow;
import static org.orthancalbums.server.ingest.IngestIT.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.stow.ContentType;
import org.orthancalbums.core.stow.MultipartRelatedWriter;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;
import org.orthancalbums.core.stow.StowResponse;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.orthanc.OrthancClient;

/**
 * Album isolation from the attacker's side: members who try to put instances into studies they may
 * not write to. Every attempt is refused, and Orthanc itself shows the victim's study unchanged
 * (instances, series, labels) and the attacker's album without it.
 */
class IsolationAttackIT {
    private static final int STUDY_INSTANCE_UID = 0x0020000D;

    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");
    private final OrthancClient orthanc = Api.orthanc();

    /** Bob's album holding one study of his patient, uploaded by him. */
    private record Victim(String albumId, String label, String patientId, String studyUid, String studyId, JsonNode before) {
    }

    private Victim victim() {
        String album = bob.createAlbum("Bob's cohort");
        String patientId = "VICTIM-" + Uids.random().substring(30);
        String studyUid = Uids.random();
        assertThat(Stow.post(albumStow(album), bearer("bob"), List.of(Stow.instance(patientId, studyUid, Uids.random(), 1, 1, 8))).status())
                .isEqualTo(200);
        String studyId = orthanc.findStudyId(studyUid).orElseThrow();
        return new Victim(album, bob.get("/api/albums/" + album).field("label"), patientId, studyUid, studyId, snapshot(studyId));
    }

    /** What Orthanc holds of a study: its instances and labels. */
    private JsonNode snapshot(String studyId) {
        var node = orthanc.mapper().createObjectNode();
        node.set("instances", orthanc.mapper().valueToTree(orthanc.sopInstanceUids(studyId)));
        node.set("labels", orthanc.mapper().valueToTree(orthanc.studyLabels(studyId)));
        return node;
    }

    private void assertUntouched(Victim victim, String attackersAlbum) {
        assertThat(snapshot(victim.studyId())).as("the victim's study in Orthanc").isEqualTo(victim.before());
        assertThat(alice.get("/api/albums/" + attackersAlbum + "/studies").json().path("total").asInt())
                .as("the attacker's album").isZero();
    }

    private static void assertRefused(Stow.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isIn(400, 409);
        StowResponse stow = reply.stow();
        assertThat(stow.referenced()).isEmpty();
        assertThat(stow.failed()).isNotEmpty();
    }

    @Test
    void aRepeatedStudyInstanceUidCannotSmuggleAnInstanceIntoAnotherStudy() {
        Victim victim = victim();
        String attackers = alice.createAlbum("Mine");
        // DCMTK keeps the first of two equal elements (the victim's study); a naive reader the last (a new study)
        byte[] honest = Stow.instance(victim.patientId(), Uids.random(), Uids.random(), 1, 2, 8);
        byte[] forged = insertBefore(honest, STUDY_INSTANCE_UID, uiElement(STUDY_INSTANCE_UID, victim.studyUid()));

        Stow.Reply reply = Stow.post(albumStow(attackers), bearer("alice"), List.of(forged));

        assertRefused(reply);
        assertThat(reply.stow().failed().get(0).failureReason()).isEqualTo(StowResponse.FailureReason.CANNOT_UNDERSTAND.code());
        assertUntouched(victim, attackers);
    }

    @Test
    void aStudyInstanceUidThatOrthancReadsOtherwiseIsRefused() {
        Victim victim = victim();
        String attackers = alice.createAlbum("Mine");
        // DCMTK reads a UI value up to its first NUL; a leading space is stripped by Orthanc: both are the victim's study
        for (String disguised : List.of(victim.studyUid() + "\0.9", " " + victim.studyUid())) {
            byte[] forged = replaceValue(Stow.instance(victim.patientId(), Uids.random(), Uids.random(), 1, 2, 8),
                    STUDY_INSTANCE_UID, padded(disguised));
            assertRefused(Stow.post(albumStow(attackers), bearer("alice"), List.of(forged)));
        }
        assertUntouched(victim, attackers);
    }

    /**
     * The decision is taken again on what Orthanc stored. Alice starts a new study; while her upload runs,
     * a study with the same StudyInstanceUID but another patient appears in Bob's album. Her next instance,
     * of that patient, is filed by Orthanc into Bob's study: refused, and deleted again.
     */
    @Test
    void anInstanceThatOrthancFilesIntoAnotherAlbumsStudyIsRemovedAgain() {
        Victim bobs = victim();
        String attackers = alice.createAlbum("Mine");
        String sharedUid = Uids.random();
        String seriesUid = Uids.random();
        byte[] first = Stow.instance("ALICE-PATIENT", sharedUid, seriesUid, 1, 1, 8);
        byte[] second = Stow.instance("BOB-PATIENT", sharedUid, seriesUid, 1, 2, 8);
        // a large instance of another new study, so that every buffer on the way passes the first part on
        byte[] filler = Stow.instance("ALICE-OTHER", Uids.random(), Uids.random(), 1, 1, 600);
        String[] bobsStudy = new String[1];
        // the second part's bytes are held back until alice's first instance is in Orthanc (its delimiter is sent already)
        PartSource secondPart = new PartSource(ContentType.APPLICATION_DICOM, second.length, () -> new java.io.InputStream() {
            private java.io.InputStream bytes;

            @Override
            public int read() throws java.io.IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (bytes == null) {
                    // now Bob's own study of that StudyInstanceUID appears, in his album
                    waitFor(() -> !orthanc.findStudyIds(sharedUid).isEmpty());
                    String id = orthanc.storeInstance(Stow.instance("BOB-PATIENT", sharedUid, Uids.random(), 1, 1, 8)).path("ParentStudy").asText();
                    orthanc.addLabel(id, bobs.label());
                    bobsStudy[0] = id;
                    bytes = new ByteArrayInputStream(second);
                }
                return bytes.read(b, off, len);
            }
        });
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        Stow.Reply reply = Stow.postChunked(albumStow(attackers), bearer("alice"), writer.contentTypeHeader(),
                () -> Stow.streamed(writer, List.of(PartSource.of(first), PartSource.of(filler), secondPart)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.stow().referenced()).hasSize(2);
        assertThat(reply.stow().failed()).singleElement()
                .satisfies(f -> assertThat(f.failureReason()).isEqualTo(IngestService.NOT_AUTHORIZED));
        assertThat(orthanc.sopInstanceUids(bobsStudy[0])).as("Bob's study keeps only its own instance").hasSize(1);
        assertThat(orthanc.studyLabels(bobsStudy[0])).containsExactly(bobs.label());
        assertThat(alice.get("/api/albums/" + attackers + "/studies").json().path("total").asInt()).isEqualTo(2);
    }

    @Test
    void aViewerCannotAddInstancesToAStudyShePerhapsSees() {
        Victim victim = victim();
        assertThat(bob.share(victim.albumId(), ALICE, "VIEWER").status()).isEqualTo(200);
        String attackers = alice.createAlbum("Mine");
        byte[] extra = Stow.instance(victim.patientId(), victim.studyUid(), Uids.random(), 2, 1, 8);

        Stow.Reply reply = Stow.post(albumStow(attackers), bearer("alice"), List.of(extra));
        assertRefused(reply);
        assertThat(reply.stow().failed().get(0).failureReason()).isEqualTo(IngestService.NOT_AUTHORIZED);
        String token = alice.post("/api/albums/" + attackers + "/tokens", "{\"kind\":\"upload\"}").field("token");
        assertRefused(Stow.post(Stack.albumsUrl().resolve("/dicom-web/studies"), "Bearer " + token, List.of(extra)));
        assertUntouched(victim, attackers);

        // a contributor of Bob's album may: the study then is in both albums
        assertThat(bob.share(victim.albumId(), ALICE, "CONTRIBUTOR").status()).isEqualTo(200);
        assertThat(Stow.post(albumStow(attackers), bearer("alice"), List.of(extra)).status()).isEqualTo(200);
        assertThat(orthanc.studyLabels(victim.studyId())).contains(victim.label()).hasSize(2);
    }

    @Test
    void deletingAnAlbumWithItsStudiesDeletesOnlyWhatItsUploadsBroughtInAndKeepsItsHistory() {
        String doomed = alice.createAlbum("Doomed");
        String other = alice.createAlbum("Other");
        String uploaded = uploadNewStudy(doomed);
        String alsoElsewhere = uploadNewStudy(doomed);
        assertThat(alice.put("/api/albums/" + other + "/studies/" + alsoElsewhere, "").status()).isEqualTo(204);
        String teaching = uploadNewStudy(doomed);
        orthanc.addLabel(orthanc.findStudyId(teaching).orElseThrow(), "teaching");
        String before = Api.newStudyIn(doomed, "Was^There", "in Orthanc before the album");
        assertThat(Stow.post(albumStow(doomed), bearer("alice"), List.of(Stow.instance("PID-" + before.substring(before.length() - 8),
                before, Uids.random(), 2, 1, 8))).status()).as("more instances uploaded into a study that was there").isEqualTo(200);

        assertThat(alice.delete("/api/albums/" + doomed + "?deleteStudies=true").status()).isEqualTo(204);

        assertThat(orthanc.findStudyId(uploaded)).as("brought in by the album, now in none").isEmpty();
        assertThat(orthanc.findStudyId(alsoElsewhere)).as("still in another album").isPresent();
        assertThat(orthanc.studyLabels(orthanc.findStudyId(teaching).orElseThrow())).as("IT's own label").containsExactly("teaching");
        String beforeId = orthanc.findStudyId(before).orElseThrow();
        assertThat(orthanc.studyLabels(beforeId)).as("there before the album: kept, in no album").isEmpty();
        assertThat(orthanc.sopInstanceUids(beforeId)).hasSize(2);

        assertThat(alice.get("/api/albums/" + doomed + "/events").status()).isEqualTo(404);
        Api.Reply history = Api.as("admin").get("/api/albums/" + doomed + "/events");
        assertThat(history.status()).isEqualTo(200);
        List<String> kinds = new java.util.ArrayList<>();
        history.json().path("items").forEach(e -> kinds.add(e.path("kind").asText()));
        assertThat(kinds).first().isEqualTo("deleted");
        assertThat(kinds).contains("upload", "created");
        assertThat(history.json().path("items").get(0).path("detail").path("studiesDeleted").asInt()).isEqualTo(1);
    }

    private String uploadNewStudy(String albumId) {
        String uid = Uids.random();
        assertThat(Stow.post(albumStow(albumId), bearer("alice"), List.of(Stow.instance("NEW-" + uid.substring(uid.length() - 8), uid,
                Uids.random(), 1, 1, 8))).status()).isEqualTo(200);
        return uid;
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // --- crafting files (explicit VR little endian, as DicomFileWriter writes them) ---

    static byte[] padded(String uid) {
        byte[] bytes = uid.getBytes(StandardCharsets.ISO_8859_1);
        return bytes.length % 2 == 0 ? bytes : Arrays.copyOf(bytes, bytes.length + 1);
    }

    static byte[] uiElement(int tag, String uid) {
        byte[] value = padded(uid);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tagBytes(tag));
        out.writeBytes(new byte[] {'U', 'I', (byte) value.length, (byte) (value.length >> 8)});
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] tagBytes(int tag) {
        return new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8)};
    }

    /** The offset of the first explicit-VR element with this tag in the data set (after the file meta information). */
    static int find(byte[] file, int tag) {
        byte[] needle = tagBytes(tag);
        for (int i = 132; i + 6 <= file.length; i++) {
            if (Arrays.equals(file, i, i + 4, needle, 0, 4) && file[i + 4] >= 'A' && file[i + 4] <= 'Z') {
                return i;
            }
        }
        throw new IllegalArgumentException("no element " + Integer.toHexString(tag));
    }

    static byte[] insertBefore(byte[] file, int tag, byte[] element) {
        int at = find(file, tag);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, at);
        out.writeBytes(element);
        out.write(file, at, file.length - at);
        return out.toByteArray();
    }

    /** The file with the value of a short-VR element replaced (its length field updated). */
    static byte[] replaceValue(byte[] file, int tag, byte[] value) {
        int at = find(file, tag);
        int oldLength = (file[at + 6] & 0xFF) | (file[at + 7] & 0xFF) << 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, at + 6);
        out.writeBytes(new byte[] {(byte) value.length, (byte) (value.length >> 8)});
        out.writeBytes(value);
        int rest = at + 8 + oldLength;
        out.write(file, rest, file.length - rest);
        return out.toByteArray();
    }
}
