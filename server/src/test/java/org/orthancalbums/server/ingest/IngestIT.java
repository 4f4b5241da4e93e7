package org.orthancalbums.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.BOB;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.stow.MultipartRelatedWriter;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;
import org.orthancalbums.core.stow.StowResponse;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.InProcessServer;
import org.orthancalbums.server.tokens.PluginProtocolIT;

/** STOW-RS into albums against the stack: real uploads, real labels, real refusals. */
class IngestIT {
    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");

    static URI albumStow(String albumId) {
        return Stack.albumsUrl().resolve("/api/albums/" + albumId + "/dicom-web/studies");
    }

    static String bearer(String user) {
        return "Bearer " + Stack.accessToken(user);
    }

    @Test
    void aMultiStudyMultiSeriesUploadLandsInTheAlbumWithItsLabel() {
        String id = alice.createAlbum("Upload");
        String label = alice.get("/api/albums/" + id).field("label");
        List<byte[]> files = Stow.studies(2, 2, 3, "UP" + System.nanoTime());

        Stow.Reply reply = Stow.post(albumStow(id), bearer("alice"), files);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/dicom+json");
        StowResponse stow = reply.stow();
        assertThat(stow.referenced()).hasSize(12);
        assertThat(stow.failed()).isEmpty();
        assertThat(stow.referenced().get(0).retrieveUrl()).startsWith(Stack.env("DICOMWEB_URL") + "/studies/");

        var studies = alice.get("/api/albums/" + id + "/studies").json();
        assertThat(studies.path("total").asInt()).isEqualTo(2);
        assertThat(studies.path("items").get(0).path("seriesCount").asInt()).isEqualTo(2);
        assertThat(studies.path("items").get(0).path("instanceCount").asInt()).isEqualTo(6);
        for (var study : studies.path("items")) {
            assertThat(Api.orthanc().studyLabels(study.path("orthancId").asText())).containsExactly(label);
        }
        var upload = alice.get("/api/albums/" + id + "/events").json().path("items").get(0);
        assertThat(upload.path("kind").asText()).isEqualTo("upload");
        assertThat(upload.path("detail").path("instances").asInt()).isEqualTo(12);
        assertThat(upload.path("detail").path("studies").asInt()).isEqualTo(2);
        assertThat(upload.path("detail").path("bytes").asLong()).isGreaterThan(files.stream().mapToLong(f -> f.length).sum());

        // an interrupted upload asks which instances the album already holds, study by study
        String firstStudy = studies.path("items").get(0).path("studyInstanceUid").asText();
        var present = alice.get("/api/albums/" + id + "/studies/" + firstStudy + "/instances");
        assertThat(present.json()).hasSize(6);
        assertThat(alice.get("/api/albums/" + id + "/studies/1.2.3.4.5.6/instances").json()).as("a study not there holds none").isEmpty();
        assertThat(Api.as("carol").get("/api/albums/" + id + "/studies/" + firstStudy + "/instances").status()).isEqualTo(404);

        // sending the same files again changes nothing and still answers "stored"
        assertThat(Stow.post(albumStow(id), bearer("alice"), files).status()).isEqualTo(200);
        assertThat(alice.get("/api/albums/" + id + "/studies").json().path("total").asInt()).isEqualTo(2);
    }

    @Test
    void aViewerMayNotUploadAndNothingIsStored() {
        String id = alice.createAlbum("Read only");
        alice.share(id, BOB, "VIEWER");
        String studyUid = Uids.random();
        Stow.Reply reply = Stow.post(albumStow(id), bearer("bob"), List.of(Stow.instance("VIEWER", studyUid, Uids.random(), 1, 1, 8)));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(Api.orthanc().findStudyId(studyUid)).isEmpty();
        assertThat(Stow.post(albumStow(id), null, List.of(Stow.instance("ANON", studyUid, Uids.random(), 1, 1, 8))).status()).isEqualTo(401);
        assertThat(Stow.post(albumStow(id), bearer("carol"), List.of(Stow.instance("CAROL", studyUid, Uids.random(), 1, 1, 8))).status()).isEqualTo(404);
        assertThat(Api.orthanc().findStudyId(studyUid)).isEmpty();
    }

    @Test
    void anUploadTokenWorksWithCurlUntilRevokedOrExpired(@TempDir Path folder) throws Exception {
        String id = alice.createAlbum("Token upload");
        var created = alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"upload\",\"expiresInSeconds\":3600}");
        String token = created.field("token");
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        Path body = folder.resolve("body.mime");
        Files.write(body, Stow.multipart(writer, Stow.studies(1, 1, 2, "CURL").stream().map(PartSource::of).toList()));

        String root = created.field("dicomWebRoot");
        assertThat(curl(root + "/studies", "Authorization: Bearer " + token, writer, body)).isEqualTo(200);
        assertThat(alice.get("/api/albums/" + id + "/studies").json().path("total").asInt()).isEqualTo(1);
        Files.write(body, Stow.multipart(writer, Stow.studies(1, 1, 1, "PATH").stream().map(PartSource::of).toList()));
        assertThat(curl(Stack.albumsUrl() + "/t/" + token + "/dicom-web/studies", null, writer, body)).as("token in the path").isEqualTo(200);
        assertThat(alice.get("/api/albums/" + id + "/studies").json().path("total").asInt()).isEqualTo(2);
        assertThat(Files.readString(Path.of(Stack.env("STACK_DIR"), "albums-server.log"))).as("no token in the log")
                .doesNotContain(token).contains("/t/***/dicom-web/studies");
        assertThat(alice.get("/api/albums/" + id + "/tokens").json().get(0).path("lastUsedAt").isNull()).isFalse();

        assertThat(alice.delete("/api/albums/" + id + "/tokens/" + created.field("id")).status()).isEqualTo(204);
        assertThat(curl(root + "/studies", "Authorization: Bearer " + token, writer, body)).isEqualTo(401);
        assertThat(curl(Stack.albumsUrl() + "/t/" + token + "/dicom-web/studies", null, writer, body)).isEqualTo(401);

        String shortLived = alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"upload\",\"expiresInSeconds\":1}").field("token");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status;
        do {
            Thread.sleep(300);
            status = curl(root + "/studies", "Authorization: Bearer " + shortLived, writer, body);
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(401);
        assertThat(curl(root + "/studies", "Authorization: Bearer oat_made-up", writer, body)).isEqualTo(401);
        String live = alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"upload\"}").field("token");
        String otherAlbum = alice.createAlbum("Other album");
        assertThat(curl(albumStow(otherAlbum).toString(), "Authorization: Bearer " + live, writer, body))
                .as("an upload token is no key to the album routes, not even its own album's").isEqualTo(401);
        String view = alice.post("/api/albums/" + id + "/tokens", "{\"kind\":\"view\"}").field("token");
        assertThat(curl(root + "/studies", "Authorization: Bearer " + view, writer, body)).as("a view token cannot upload").isEqualTo(401);
        assertThat(curl(root + "/studies", "Authorization: Bearer " + Stack.accessToken("alice"), writer, body))
                .as("a Keycloak token is not an upload token").isEqualTo(401);
    }

    /** A plain DICOMweb client: curl posting a multipart/related body; answers the HTTP status. */
    private static int curl(String url, String header, MultipartRelatedWriter writer, Path body) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "-H", "Content-Type: " + writer.contentTypeHeader(), "--data-binary", "@" + body));
        if (header != null) {
            command.addAll(List.of("-H", header));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Integer.parseInt(out);
    }

    @Test
    void aForgedInstanceCannotPullSomeoneElsesStudyIntoAnAlbum() {
        String alicesAlbum = alice.createAlbum("Victim");
        String alicesLabel = alice.get("/api/albums/" + alicesAlbum).field("label");
        String studyUid = Uids.random();
        assertThat(Stow.post(albumStow(alicesAlbum), bearer("alice"),
                List.of(Stow.instance("VICTIM", studyUid, Uids.random(), 1, 1, 8))).status()).isEqualTo(200);
        String studyId = Api.orthanc().findStudyId(studyUid).orElseThrow();

        String bobsAlbum = bob.createAlbum("Attacker");
        byte[] forged = Stow.instance("VICTIM", studyUid, Uids.random(), 9, 1, 8);
        Stow.Reply reply = Stow.post(albumStow(bobsAlbum), bearer("bob"), List.of(forged));
        assertThat(reply.status()).isEqualTo(409);
        StowResponse stow = reply.stow();
        assertThat(stow.referenced()).isEmpty();
        assertThat(stow.failed()).singleElement().satisfies(f -> assertThat(f.failureReason()).isEqualTo(IngestService.NOT_AUTHORIZED));

        String bobsToken = bob.post("/api/albums/" + bobsAlbum + "/tokens", "{\"kind\":\"upload\"}").field("token");
        assertThat(Stow.post(Stack.albumsUrl().resolve("/dicom-web/studies"), "Bearer " + bobsToken, List.of(forged)).status()).isEqualTo(409);

        assertThat(Api.orthanc().studyLabels(studyId)).containsExactly(alicesLabel);
        assertThat(bob.get("/api/albums/" + bobsAlbum + "/studies").json().path("total").asInt()).isZero();
        assertThat(Api.orthanc().study(studyId).path("Series")).as("the forged series was never forwarded").hasSize(1);
        var profile = PluginProtocolIT.plugin("POST", "/user/get-profile",
                "{\"token-key\":\"authorization\",\"token-value\":\"" + bearer("bob") + "\",\"server-id\":null}").json();
        assertThat(profile.path("authorized-labels").toString()).doesNotContain(alicesLabel);
    }

    /** A new study is claimed by the album creating it; an attempt that stored nothing of it must not keep it reserved. */
    @Test
    void aStudyWhosePartsAllFailedIsNotReservedByTheAttempt() {
        String alices = alice.createAlbum("Failed attempt");
        String studyUid = Uids.random();
        byte[] good = Stow.instance("RESERVED", studyUid, Uids.random(), 1, 1, 64);
        byte[] cutInItsPixels = Arrays.copyOf(good, good.length - 1000); // a sound header: forwarded, refused by Orthanc
        Stow.Reply refused = Stow.post(albumStow(alices), bearer("alice"), List.of(cutInItsPixels));
        assertThat(refused.stow().referenced()).isEmpty();
        assertThat(Api.orthanc().findStudyId(studyUid)).isEmpty();

        String bobs = bob.createAlbum("Same study, later");
        Stow.Reply later = Stow.post(albumStow(bobs), bearer("bob"), List.of(good));
        assertThat(later.status()).as(later.body()).isEqualTo(200);
        assertThat(bob.get("/api/albums/" + bobs + "/studies").json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void badPartsAreReportedAndGoodOnesStored() {
        String id = alice.createAlbum("Mixed");
        byte[] good = Stow.instance("MIXED", Uids.random(), Uids.random(), 1, 1, 8);
        byte[] truncated = Arrays.copyOf(Stow.instance("TRUNC", Uids.random(), Uids.random(), 1, 1, 8), 300);
        byte[] noDicm = Arrays.copyOfRange(Stow.instance("NODICM", Uids.random(), Uids.random(), 1, 1, 8), 132, 400);
        byte[] text = "this is not DICOM at all".getBytes(StandardCharsets.UTF_8);
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        List<PartSource> parts = List.of(PartSource.of(good), PartSource.of(truncated), PartSource.of(noDicm),
                PartSource.of(text), PartSource.of("text/plain", text));
        Stow.Reply reply = Stow.post(albumStow(id), bearer("alice"), writer.contentTypeHeader(), Stow.multipart(writer, parts));
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.stow().referenced()).hasSize(1);
        assertThat(reply.stow().failed()).hasSize(4).allSatisfy(f -> assertThat(f.failureReason()).isEqualTo(0xC000));
        assertThat(alice.get("/api/albums/" + id + "/studies").json().path("total").asInt()).isEqualTo(1);

        Stow.Reply allBad = Stow.post(albumStow(id), bearer("alice"), writer.contentTypeHeader(),
                Stow.multipart(writer, List.of(PartSource.of(text))));
        assertThat(allBad.status()).isEqualTo(409);
    }

    @Test
    void singleDicomBodiesAndAnyBoundaryAreAccepted() {
        String id = alice.createAlbum("Formats");
        assertThat(Stow.post(albumStow(id), bearer("alice"), "application/dicom",
                Stow.instance("SINGLE", Uids.random(), Uids.random(), 1, 1, 8)).status()).isEqualTo(200);
        MultipartRelatedWriter quoted = new MultipartRelatedWriter("weird boundary:=+_", false);
        byte[] body = Stow.multipart(quoted, List.of(PartSource.of(Stow.instance("QUOTED", Uids.random(), Uids.random(), 1, 1, 8))));
        assertThat(Stow.post(albumStow(id), bearer("alice"), "multipart/related; boundary=\"weird boundary:=+_\"; type=\"application/dicom\"", body)
                .status()).isEqualTo(200);
        MultipartRelatedWriter plain = new MultipartRelatedWriter("plainBoundary123", false);
        byte[] unquoted = Stow.multipart(plain, List.of(PartSource.of(Stow.instance("PLAIN", Uids.random(), Uids.random(), 1, 1, 8))));
        assertThat(Stow.post(albumStow(id), bearer("alice"), "multipart/related;type=application/dicom;boundary=plainBoundary123", unquoted)
                .status()).isEqualTo(200);
        assertThat(alice.get("/api/albums/" + id + "/studies").json().path("total").asInt()).isEqualTo(3);
    }

    @Test
    void wrongContentTypesAndEmptyOrBrokenBodiesAreClearErrors() {
        String id = alice.createAlbum("Rejects");
        byte[] dicom = Stow.instance("REJECT", Uids.random(), Uids.random(), 1, 1, 8);
        assertThat(Stow.post(albumStow(id), bearer("alice"), "application/json", dicom).status()).isEqualTo(415);
        assertThat(Stow.post(albumStow(id), bearer("alice"), "multipart/related; type=\"application/json\"; boundary=x", dicom).status()).isEqualTo(415);
        assertThat(Stow.post(albumStow(id), bearer("alice"), "multipart/related; type=\"application/dicom\"", dicom).status()).isEqualTo(415);
        assertThat(Stow.post(albumStow(id), bearer("alice"), null, dicom).status()).isEqualTo(415);
        Stow.Reply empty = Stow.post(albumStow(id), bearer("alice"), "multipart/related; type=\"application/dicom\"; boundary=x", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("empty");
        Stow.Reply broken = Stow.post(albumStow(id), bearer("alice"), "multipart/related; type=\"application/dicom\"; boundary=x",
                "no delimiter anywhere in this body".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).contains("multipart");

        // a request cut inside its second part keeps the first
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        byte[] two = Stow.multipart(writer, List.of(PartSource.of(dicom), PartSource.of(Stow.instance("CUT", Uids.random(), Uids.random(), 1, 1, 8))));
        Stow.Reply cut = Stow.post(albumStow(id), bearer("alice"), writer.contentTypeHeader(), Arrays.copyOf(two, two.length - 200));
        assertThat(cut.status()).isEqualTo(202);
        assertThat(cut.stow().referenced()).hasSize(1);
        assertThat(alice.get("/api/albums/" + id + "/studies").json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void bodiesOverTheLimitAreRefusedAndWhatCameBeforeIsLabelled(@TempDir Path folder) {
        try (InProcessServer server = new InProcessServer(Map.of("ALBUMS_MAX_UPLOAD_BYTES", "20000",
                "ALBUMS_DB_URL", "jdbc:sqlite:" + folder.resolve("albums.db")))) {
            Api owner = server.as("alice");
            String id = owner.createAlbum("Small limit");
            URI stow = server.url().resolve("/api/albums/" + id + "/dicom-web/studies");
            String studyUid = Uids.random();
            String seriesUid = Uids.random();
            List<byte[]> files = new java.util.ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                files.add(Stow.instance("LIMIT", studyUid, seriesUid, 1, i, 64)); // 8 KiB of pixels each: 66 KB in all
            }
            Stow.Reply declared = Stow.post(stow, bearer("alice"), files);
            assertThat(declared.status()).isEqualTo(413);
            assertThat(owner.get("/api/albums/" + id + "/studies").json().path("total").asInt()).isZero();

            MultipartRelatedWriter writer = new MultipartRelatedWriter();
            List<PartSource> parts = files.stream().map(PartSource::of).toList();
            Stow.Reply chunked = Stow.postChunked(stow, bearer("alice"), writer.contentTypeHeader(),
                    () -> new ByteArrayInputStream(Stow.multipart(writer, parts)));
            assertThat(chunked.status()).isEqualTo(413);
            assertThat(chunked.body()).contains("were stored in the album");
            var studies = owner.get("/api/albums/" + id + "/studies").json();
            assertThat(studies.path("total").asInt()).as("the instances before the limit are in the album, not orphaned").isEqualTo(1);
            assertThat(studies.path("items").get(0).path("instanceCount").asInt()).isBetween(1, 7);
        }
    }
}
