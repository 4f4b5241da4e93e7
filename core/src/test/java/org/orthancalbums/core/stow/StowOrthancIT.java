package org.orthancalbums.core.stow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;
import org.orthancalbums.core.stow.StowResponse.Stored;
import org.orthancalbums.core.testing.Stack;

/** The writer and the response model against the STOW-RS of the stack's Orthanc (DICOMweb plugin). */
class StowOrthancIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void orthancStoresWhatTheWriterStreamsAndWeReadItsAnswer() throws Exception {
        String study = Uids.random();
        List<String> sops = List.of(Uids.random(), Uids.random());
        List<PartSource> parts = sops.stream().map(sop -> PartSource.of(instance(study, sop))).toList();
        try {
            HttpResponse<InputStream> answer = post("/dicom-web/studies", new MultipartRelatedWriter(), parts);
            StowResponse response = StowResponse.parse(answer.body());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(response.httpStatus()).isEqualTo(200);
            assertThat(response.retrieveUrl()).endsWith("/dicom-web/studies/" + study);
            assertThat(response.failed()).isEmpty();
            assertThat(response.referenced()).extracting(Stored::sopInstanceUid).containsExactlyElementsOf(sops);
            assertThat(response.referenced()).allSatisfy(stored -> {
                assertThat(stored.sopClassUid()).isEqualTo(DicomFileWriter.SECONDARY_CAPTURE);
                assertThat(stored.retrieveUrl()).contains("/studies/" + study + "/series/")
                        .endsWith("/instances/" + stored.sopInstanceUid());
            });
        } finally {
            deleteStudy(study);
        }
    }

    @Test
    void anInstanceOfAnotherStudyIsReportedAsFailed() throws Exception {
        String study = Uids.random();
        String sop = Uids.random();
        String otherStudy = Uids.random();
        try {
            HttpResponse<InputStream> answer = post("/dicom-web/studies/" + otherStudy,
                    new MultipartRelatedWriter(MultipartRelatedWriter.randomBoundary(), true),
                    List.of(PartSource.of(instance(study, sop))));
            StowResponse response = StowResponse.parse(answer.body());

            // Orthanc answers 400 and a processing failure; PS3.18 would have 409, which httpStatus() gives.
            assertThat(answer.statusCode()).isBetween(400, 409);
            assertThat(response.referenced()).isEmpty();
            assertThat(response.failed()).containsExactly(new StowResponse.Failed(DicomFileWriter.SECONDARY_CAPTURE,
                    sop, StowResponse.FailureReason.PROCESSING_FAILURE.code()));
            assertThat(response.httpStatus()).isEqualTo(409);
        } finally {
            deleteStudy(study);
        }
    }

    private static byte[] instance(String study, String sop) {
        return DicomFileWriter.write(new DicomFileWriter.Instance("STOW-IT", "Stow^Test", study, Uids.random(), sop,
                "20240102", "STOW-RS writer test", "OT", 1, 1, 16, 16));
    }

    /** Streams the body to Orthanc through a pipe, with the Content-Length computed in advance. */
    private static HttpResponse<InputStream> post(String path, MultipartRelatedWriter writer, List<PartSource> parts)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> streamed(writer, parts)), writer.contentLength(parts));
        HttpRequest request = HttpRequest.newBuilder(URI.create(Stack.orthancUrl() + path))
                .header("Authorization", Stack.orthancBasicAuth())
                .header("Content-Type", writer.contentTypeHeader())
                .header("Accept", ContentType.APPLICATION_DICOM_JSON)
                .POST(body).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static InputStream streamed(MultipartRelatedWriter writer, List<PartSource> parts) {
        try {
            PipedInputStream in = new PipedInputStream(64 * 1024);
            PipedOutputStream out = new PipedOutputStream(in);
            Thread sender = new Thread(() -> {
                try (out) {
                    writer.writeTo(out, parts);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "stow-it-writer");
            sender.start();
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the study this test made, if Orthanc has it; nothing else. */
    private static void deleteStudy(String studyUid) throws IOException, InterruptedException {
        HttpResponse<String> lookup = HTTP.send(HttpRequest.newBuilder(URI.create(Stack.orthancUrl() + "/tools/lookup"))
                .header("Authorization", Stack.orthancBasicAuth())
                .POST(HttpRequest.BodyPublishers.ofString(studyUid)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode match : new ObjectMapper().readTree(lookup.body())) {
            if (match.path("Type").asText().equals("Study")) {
                HTTP.send(HttpRequest.newBuilder(URI.create(Stack.orthancUrl() + match.path("Path").asText()))
                        .header("Authorization", Stack.orthancBasicAuth()).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
    }
}
