package org.orthancalbums.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.stow.MultipartRelatedWriter;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;

/**
 * A 2 GB STOW request, streamed (chunked, generated on the fly) into the stack's albums-server, which
 * runs with a 160 MB heap: it must store and label every instance.
 */
class LargeUploadIT {
    private static final int SIZE = 1024;                       // 1024 x 1024 x 16 bit = 2 MiB of pixels
    private static final int INSTANCES = 1024;                   // 2 GiB and a little more in all

    @Test
    void twoGigabytesPassThroughA160MegabyteHeap() throws Exception {
        String pid = Files.readString(Path.of(Stack.env("STACK_DIR"), "albums-server.pid")).strip();
        assertThat(Files.readString(Path.of("/proc", pid, "cmdline"))).as("the stack runs albums-server with -Xmx160m").contains("-Xmx160m");

        Api alice = Api.as("alice");
        String id = alice.createAlbum("Two gigabytes");
        String studyUid = Uids.random();
        String seriesUid = Uids.random();
        List<PartSource> parts = new ArrayList<>();
        long total = 0;
        for (int i = 1; i <= INSTANCES; i++) {
            int number = i;
            String sopUid = Uids.random();
            // a 1x1 twin has the same header: its length tells the part's length without making 2 MiB twice
            long length = Stow.instance("BIG", studyUid, seriesUid, sopUid, 1, number, 1).length - 2 + 2L * SIZE * SIZE;
            // each part is generated when the writer reaches it, so the test holds one at a time
            parts.add(new PartSource("application/dicom", length,
                    () -> new java.io.ByteArrayInputStream(Stow.instance("BIG", studyUid, seriesUid, sopUid, 1, number, SIZE))));
            total += length;
        }
        assertThat(total).isGreaterThan(2L << 30);
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        Stow.Reply reply = Stow.postChunked(IngestIT.albumStow(id), IngestIT.bearer("alice"), writer.contentTypeHeader(),
                () -> Stow.streamed(writer, parts));
        try {
            assertThat(reply.status()).as(reply.body().length() > 500 ? reply.body().substring(0, 500) : reply.body()).isEqualTo(200);
            assertThat(reply.stow().referenced()).hasSize(INSTANCES);
            var studies = alice.get("/api/albums/" + id + "/studies").json();
            assertThat(studies.path("items").get(0).path("instanceCount").asInt()).isEqualTo(INSTANCES);
        } finally {
            // 2 GB is not kept around in the stack's Orthanc
            alice.delete("/api/albums/" + id + "?deleteStudies=true");
        }
    }
}
