package org.orthancalbums.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.ingest.IngestIT.albumStow;
import static org.orthancalbums.server.ingest.IngestIT.bearer;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.stow.MultipartRelatedWriter;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;
import org.orthancalbums.core.stow.StowResponse;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;

/**
 * albums-server killed (as by a crash or a power cut) while an upload is creating a new study: Orthanc
 * then holds part of the study without any album's label. The same upload sent again must land in the
 * same album, and the study must stay out of reach of anyone else.
 */
class IngestCrashIT {

    @Test
    void anUploadCutByACrashOfTheServerCanBeSentAgainIntoTheSameAlbum() throws Exception {
        Api alice = Api.as("alice");
        String album = alice.createAlbum("Crash");
        String label = alice.get("/api/albums/" + album).field("label");
        String studyUid = Uids.random();
        String seriesUid = Uids.random();
        List<byte[]> files = List.of(Stow.instance("CRASH", studyUid, seriesUid, 1, 1, 64),
                Stow.instance("CRASH", studyUid, seriesUid, 1, 2, 64), Stow.instance("CRASH", studyUid, seriesUid, 1, 3, 64));
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        byte[] body = Stow.multipart(writer, files.stream().map(PartSource::of).toList());

        URI url = albumStow(album);
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\nAuthorization: " + bearer("alice")
                    + "\r\nContent-Type: " + writer.contentTypeHeader() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length * 2 / 3); // the first part and a half: the server forwards the first
            out.flush();
            Optional<String> study = Optional.empty();
            for (long deadline = System.nanoTime() + 20_000_000_000L; study.isEmpty() && System.nanoTime() < deadline; Thread.sleep(50)) {
                study = Api.orthanc().findStudyId(studyUid);
            }
            assertThat(study).as("the first part reached Orthanc").isPresent();
            Stack.kill("albums-server");
        }
        Stack.up();
        String studyId = Api.orthanc().findStudyId(studyUid).orElseThrow();
        assertThat(Api.orthanc().studyLabels(studyId)).as("the crash left the study without a label").isEmpty();

        // someone else's album cannot take the orphan study, even knowing its UID
        String bobs = Api.as("bob").createAlbum("Opportunist");
        Stow.Reply stolen = Stow.post(albumStow(bobs), bearer("bob"), List.of(Stow.instance("CRASH", studyUid, Uids.random(), 2, 1, 8)));
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(stolen.stow().failed()).singleElement().satisfies(f -> assertThat(f.failureReason()).isEqualTo(IngestService.NOT_AUTHORIZED));

        Stow.Reply again = Stow.post(url, bearer("alice"), files);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        StowResponse stow = again.stow();
        assertThat(stow.referenced()).hasSize(3);
        assertThat(Api.orthanc().studyLabels(studyId)).containsExactly(label);
        assertThat(alice.get("/api/albums/" + album + "/studies").json().path("items").get(0).path("instanceCount").asInt()).isEqualTo(3);
        assertThat(Api.orthanc().study(studyId).path("Series")).as("nothing of bob's reached Orthanc").hasSize(1);
    }
}
