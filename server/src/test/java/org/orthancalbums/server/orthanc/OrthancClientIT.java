package org.orthancalbums.server.orthanc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;

/** Orthanc of the local stack, through the client albums-server uses. */
class OrthancClientIT {
    private final OrthancClient orthanc = new OrthancClient(Stack.orthancUrl(),
            Stack.env("ORTHANC_ADMIN_USER"), Stack.env("ORTHANC_ADMIN_PASSWORD"), null);

    static byte[] instance(String studyUid) {
        return DicomFileWriter.write(new DicomFileWriter.Instance("PAT-" + studyUid.hashCode(), "Test^Patient", studyUid,
                Uids.random(), Uids.random(), "20240102", "Label round trip", "OT", 1, 1, 8, 8));
    }

    @Test
    void orthancIsRecentEnoughForLabelsAndServesDicomWeb() {
        JsonNode system = orthanc.system();
        String[] version = system.path("Version").asText().split("\\.");
        assertThat(Integer.parseInt(version[0]) * 1000 + Integer.parseInt(version[1])).isGreaterThanOrEqualTo(1012);
        assertThat(system.path("HasLabels").asBoolean()).isTrue();
    }

    @Test
    void labelsRoundTripOnAStoredStudy() {
        String studyUid = Uids.random();
        JsonNode stored = orthanc.storeInstance(instance(studyUid));
        String studyId = stored.path("ParentStudy").asText();
        assertThat(orthanc.findStudyId(studyUid)).contains(studyId);

        orthanc.addLabel(studyId, "alb_roundtrip_test");
        assertThat(orthanc.studyLabels(studyId)).containsExactly("alb_roundtrip_test");
        orthanc.removeLabel(studyId, "alb_roundtrip_test");
        assertThat(orthanc.studyLabels(studyId)).isEmpty();
        orthanc.deleteStudy(studyId);
        assertThat(orthanc.findStudyId(studyUid)).isEmpty();
    }

    @Test
    void wrongCredentialsAreRefusedNotRetriedForever() {
        OrthancClient intruder = new OrthancClient(Stack.orthancUrl(), "intruder", "guess", null);
        assertThatThrownBy(intruder::system).isInstanceOf(OrthancException.class)
                .satisfies(e -> assertThat(((OrthancException) e).status()).isEqualTo(401));
    }

    @Test
    void anUnreachableOrthancSaysSo() {
        OrthancClient nowhere = new OrthancClient(URI.create("http://127.0.0.1:9"), "a", "b", null);
        assertThatThrownBy(nowhere::system).isInstanceOf(OrthancException.class).hasMessageContaining("unreachable");
    }

    @Test
    void storingRetriesAnOrthancThatFailsOnceAndNeverRetriesARefusal() throws Exception {
        // a fake Orthanc for the faults the real one does not make on demand: a 503, then a 400
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Integer> bodySizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger nextStatus = new java.util.concurrent.atomic.AtomicInteger(503);
        com.sun.net.httpserver.HttpServer fake = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/instances", exchange -> {
            bodySizes.add(exchange.getRequestBody().readAllBytes().length);
            int status = calls.incrementAndGet() == 1 ? 503 : nextStatus.get();
            byte[] answer = (status == 200 ? "{\"ID\":\"i\",\"ParentStudy\":\"s\",\"Status\":\"Success\"}" : "{}").getBytes();
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        fake.start();
        try {
            OrthancClient client = new OrthancClient(URI.create("http://127.0.0.1:" + fake.getAddress().getPort()), "a", "b", null);
            byte[] dicom = instance(Uids.random());
            nextStatus.set(200);
            assertThat(client.storeInstance(dicom).path("ParentStudy").asText()).isEqualTo("s");
            assertThat(bodySizes).as("the whole body, sent twice").containsExactly(dicom.length, dicom.length);

            calls.set(1);
            bodySizes.clear();
            nextStatus.set(400);
            assertThatThrownBy(() -> client.storeInstance(dicom)).isInstanceOf(OrthancException.class)
                    .satisfies(e -> assertThat(((OrthancException) e).status()).isEqualTo(400));
            assertThat(bodySizes).as("a refusal is final").hasSize(1);
        } finally {
            fake.stop(0);
        }
        OrthancClient nowhere = new OrthancClient(URI.create("http://127.0.0.1:9"), "a", "b", null);
        assertThatThrownBy(() -> nowhere.storeInstance(new byte[] {1, 2, 3})).isInstanceOf(OrthancException.class)
                .hasMessageContaining("unreachable").satisfies(e -> assertThat(((OrthancException) e).status()).isZero());
    }
}
