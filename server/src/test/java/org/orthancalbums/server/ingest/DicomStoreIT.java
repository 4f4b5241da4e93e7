package org.orthancalbums.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;

/**
 * DICOM C-STORE into albums through the stack's real Orthanc DICOM port, sent by dcmtk's storescu (as
 * a scanner or a research tool would) to the called AE title of an album upload token.
 */
class DicomStoreIT {
    private final Api alice = Api.as("alice");

    /** What storescu reported: one status per instance ("Success", "Refused: Out of resources", ...). */
    record Sent(int exitCode, List<String> statuses, String output) {
        long succeeded() {
            return statuses.stream().filter(s -> s.equals("Success")).count();
        }
    }

    @Test
    void aFolderSentToATokensAeTitleLandsInTheAlbumOnce(@TempDir Path dir) throws Exception {
        String album = alice.createAlbum("Scanner");
        String label = alice.get("/api/albums/" + album).field("label");
        JsonNode destination = dicomToken(album, 600).path("dicom");
        assertThat(destination.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(destination.path("port").asInt()).isEqualTo(dicomPort());
        String aet = destination.path("calledAeTitle").asText();
        assertThat(aet).hasSizeLessThanOrEqualTo(16).matches("[A-Z0-9]+");

        String studyUid = Uids.random();
        writeStudy(dir, "PID-SCAN-" + studyUid.substring(40), studyUid, 2, 3);
        assertThat(echo(aet)).as("C-ECHO").isZero();
        Sent first = send(aet, dir);
        assertThat(first.statuses()).as(first.output()).hasSize(6).allMatch("Success"::equals);
        String studyId = awaitStudy(studyUid);
        await(() -> Api.orthanc().studyLabels(studyId).contains(label), "the study gets the album's label");
        assertThat(alice.get("/api/albums/" + album + "/studies").text()).contains(studyUid);
        await(() -> alice.get("/api/albums/" + album + "/events").text().contains("dicom token"), "an upload event");

        Sent again = send(aet, dir);
        assertThat(again.succeeded()).as("sending again is harmless").isEqualTo(6);
        assertThat(Api.orthanc().sopInstanceUids(studyId)).as("nothing stored twice").hasSize(6);
        assertThat(Api.orthanc().findStudyIds(studyUid)).hasSize(1);
    }

    @Test
    void unknownExpiredAndRevokedAeTitlesStoreNothing(@TempDir Path dir) throws Exception {
        String album = alice.createAlbum("Closed doors");
        String expired = dicomToken(album, 1).path("dicom").path("calledAeTitle").asText();
        JsonNode revokedToken = dicomToken(album, 600);
        assertThat(alice.delete("/api/albums/" + album + "/tokens/" + revokedToken.path("id").asText()).status()).isEqualTo(204);
        String viewerUploads = "ALB" + "NOSUCHTOKEN12";
        Thread.sleep(1_500);

        for (String aet : new String[] {viewerUploads, expired, revokedToken.path("dicom").path("calledAeTitle").asText()}) {
            String studyUid = Uids.random();
            Path folder = Files.createDirectories(dir.resolve(aet));
            writeStudy(folder, "PID-NO", studyUid, 1, 2);
            Sent sent = send(aet, folder);
            assertThat(sent.statuses()).as(aet + ": " + sent.output()).hasSize(2).allMatch(s -> s.startsWith("Refused"));
            assertThat(Api.orthanc().findStudyIds(studyUid)).as("nothing stored").isEmpty();
        }
    }

    @Test
    void aStudyOfAnotherAlbumOrOfNoAlbumIsRefused(@TempDir Path dir) throws Exception {
        String carols = Api.as("carol").createAlbum("Not alice's");
        String carolsStudy = Api.newStudyIn(carols, "Carol^Patient", "Hers");
        String carolsStudyId = Api.orthanc().findStudyId(carolsStudy).orElseThrow();
        String loose = Api.newStudy("Loose^Patient", "In no album");
        String looseId = Api.orthanc().findStudyId(loose).orElseThrow();
        String album = alice.createAlbum("Intruder");
        String aet = dicomToken(album, 600).path("dicom").path("calledAeTitle").asText();

        String patientOfCarolsStudy = Api.orthanc().study(carolsStudyId).path("PatientMainDicomTags").path("PatientID").asText();
        for (String[] target : new String[][] {{carolsStudy, patientOfCarolsStudy}, {carolsStudy, "PID-OTHER"}, {loose, "PID-OTHER"}}) {
            Path folder = Files.createDirectories(dir.resolve(target[0] + target[1]));
            writeStudy(folder, target[1], target[0], 1, 1);
            Sent sent = send(aet, folder);
            assertThat(sent.statuses()).as(sent.output()).singleElement().satisfies(s -> assertThat(s).startsWith("Refused"));
        }
        assertThat(Api.orthanc().sopInstanceUids(carolsStudyId)).hasSize(1);
        assertThat(Api.orthanc().findStudyIds(carolsStudy)).hasSize(1);
        assertThat(Api.orthanc().studyLabels(carolsStudyId)).doesNotContain(alice.get("/api/albums/" + album).field("label"));
        assertThat(Api.orthanc().sopInstanceUids(looseId)).hasSize(1);
        assertThat(Api.orthanc().studyLabels(looseId)).isEmpty();
    }

    /** The check after storing acts on the study Orthanc filed the instance into, whatever was decided before. */
    @Test
    void anInstanceOrthancFiledIntoAStudyTheTokenMayNotWriteIsDeletedAgain() throws Exception {
        String carols = Api.as("carol").createAlbum("Filed elsewhere");
        String carolsStudy = Api.newStudyIn(carols, "Carol^Patient", "Hers");
        String carolsStudyId = Api.orthanc().findStudyId(carolsStudy).orElseThrow();
        String patient = Api.orthanc().study(carolsStudyId).path("PatientMainDicomTags").path("PatientID").asText();
        String intruder = Api.orthanc().storeInstance(DicomFileWriter.write(new DicomFileWriter.Instance(patient, "Carol^Patient",
                carolsStudy, Uids.random(), Uids.random(), "20250101", "Hers", "CT", 9, 1, 8, 8))).path("ID").asText();
        assertThat(Api.orthanc().sopInstanceUids(carolsStudyId)).hasSize(2);
        String aet = dicomToken(alice.createAlbum("Claims it"), 600).path("dicom").path("calledAeTitle").asText();

        HttpResponse<String> told = Stack.http().send(HttpRequest.newBuilder(Stack.albumsUrl().resolve("/dicom/stored"))
                .header("Authorization", Stack.basic(Stack.env("PLUGIN_USER"), Stack.env("PLUGIN_PASSWORD")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"calledAet\":\"" + aet + "\",\"instanceId\":\"" + intruder + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(told.statusCode()).isEqualTo(204);
        await(() -> Api.orthanc().sopInstanceUids(carolsStudyId).size() == 1, "the instance is deleted again");
        assertThat(Api.orthanc().studyLabels(carolsStudyId)).hasSize(1);
    }

    @Test
    void eightConcurrentSendersAllLandOnce(@TempDir Path dir) throws Exception {
        String album = alice.createAlbum("Busy scanner room");
        String label = alice.get("/api/albums/" + album).field("label");
        String aet = dicomToken(album, 600).path("dicom").path("calledAeTitle").asText();
        String shared = Uids.random();
        List<String> own = new ArrayList<>();
        List<Process> senders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path folder = Files.createDirectories(dir.resolve("sender" + i));
            writeStudy(folder, "PID-SHARED", shared, 2, 5);
            String mine = Uids.random();
            own.add(mine);
            writeStudy(folder, "PID-OWN-" + i, mine, 1, 1);
            senders.add(start(aet, folder, dir.resolve("sender" + i + ".log")));
        }
        for (int i = 0; i < senders.size(); i++) {
            assertThat(senders.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
            Sent sent = parse(senders.get(i).exitValue(), Files.readString(dir.resolve("sender" + i + ".log")));
            assertThat(sent.statuses()).as(sent.output()).hasSize(11).allMatch("Success"::equals);
        }
        String sharedId = awaitStudy(shared);
        assertThat(Api.orthanc().findStudyIds(shared)).hasSize(1);
        assertThat(Api.orthanc().sopInstanceUids(sharedId)).hasSize(10);
        await(() -> Api.orthanc().studyLabels(sharedId).contains(label), "the shared study is in the album");
        for (String uid : own) {
            String id = awaitStudy(uid);
            await(() -> Api.orthanc().studyLabels(id).contains(label), "each sender's study is in the album");
        }
    }

    @Test
    void orthancsOwnAeTitleStoresAsOrthancAlwaysDid(@TempDir Path dir) throws Exception {
        String studyUid = Uids.random();
        writeStudy(dir, "PID-SITE", studyUid, 1, 1);
        Sent sent = send(Stack.env("ORTHANC_AET"), dir);
        assertThat(sent.statuses()).as(sent.output()).containsExactly("Success");
        String id = awaitStudy(studyUid);
        assertThat(Api.orthanc().studyLabels(id)).as("in no album: admins only").isEmpty();
    }

    private JsonNode dicomToken(String album, int seconds) {
        Api.Reply created = alice.post("/api/albums/" + album + "/tokens",
                "{\"kind\":\"upload\",\"dicom\":true,\"expiresInSeconds\":" + seconds + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json();
    }

    private static void writeStudy(Path dir, String patientId, String studyUid, int series, int perSeries) throws IOException {
        for (int s = 1; s <= series; s++) {
            String seriesUid = studyUid + "." + s;
            for (int i = 1; i <= perSeries; i++) {
                Files.write(dir.resolve(studyUid.substring(5, 20) + "-" + s + "-" + i + ".dcm"), DicomFileWriter.write(
                        new DicomFileWriter.Instance(patientId, "Scanner^Patient", studyUid, seriesUid, seriesUid + "." + i,
                                "20250101", "From the scanner", "CT", s, i, 8, 8)));
            }
        }
    }

    private static int dicomPort() {
        return Integer.parseInt(Stack.env("ORTHANC_DICOM_PORT"));
    }

    private static int echo(String aet) throws Exception {
        Process echo = new ProcessBuilder("echoscu", "-aec", aet, "127.0.0.1", String.valueOf(dicomPort()))
                .redirectErrorStream(true).start();
        echo.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return echo.waitFor();
    }

    private static Process start(String aet, Path folder, Path log) throws IOException {
        return new ProcessBuilder("storescu", "-v", "--no-halt", "-aec", aet, "+sd", "+r", "127.0.0.1", String.valueOf(dicomPort()),
                folder.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Sent send(String aet, Path folder) throws Exception {
        Path log = Files.createTempFile("storescu", ".log");
        try {
            Process process = start(aet, folder, log);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return parse(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** storescu -v prints "I: Received Store Response (<status>)" per instance. */
    private static Sent parse(int exitCode, String output) {
        List<String> statuses = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Received Store Response \\(([^)]*)\\)").matcher(output);
        while (m.find()) {
            statuses.add(m.group(1));
        }
        return new Sent(exitCode, statuses, output);
    }

    private static String awaitStudy(String studyUid) throws InterruptedException {
        await(() -> !Api.orthanc().findStudyIds(studyUid).isEmpty(), "Orthanc has study " + studyUid);
        return Api.orthanc().findStudyId(studyUid).orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 15 s for: " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
