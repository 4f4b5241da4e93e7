package org.orthancalbums.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.InProcessServer;

/**
 * 8 uploaders × 200 instances at once, 4 of them into one album (and one study) and 4 into albums of
 * their own: every instance stored and labelled once, every upload recorded, no deadlock, and the
 * database consistent afterwards. On the stack's server (SQLite in WAL mode) and on PostgreSQL.
 */
class ConcurrentUploadsIT {
    private static final int UPLOADERS = 8;
    private static final int INSTANCES = 200;
    private static final int BATCH = 50;

    @Test
    void onSqlite() throws Exception {
        uploadAtOnce(Stack.albumsUrl(), Api.as("alice"));
        try (Connection db = DriverManager.getConnection(Stack.env("ALBUMS_DB_URL"));
             ResultSet check = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertThat(check.next()).isTrue();
            assertThat(check.getString(1)).isEqualTo("ok");
        }
    }

    @Test
    void onPostgresql() throws Exception {
        try (InProcessServer server = new InProcessServer(Map.of(
                "ALBUMS_DB_URL", Stack.env("ALBUMS_TEST_PG_URL"), "ALBUMS_DB_USER", Stack.env("ALBUMS_TEST_PG_USER")))) {
            uploadAtOnce(server.url(), server.as("alice"));
        }
    }

    private static void uploadAtOnce(URI server, Api alice) throws Exception {
        String shared = alice.createAlbum("Eight at once");
        String sharedStudy = Uids.random();
        List<String> albums = new ArrayList<>();
        List<String> studies = new ArrayList<>();
        for (int i = 0; i < UPLOADERS; i++) {
            albums.add(i < UPLOADERS / 2 ? shared : alice.createAlbum("Uploader " + i));
            studies.add(i < UPLOADERS / 2 ? sharedStudy : Uids.random());
        }
        String bearer = "Bearer " + Stack.accessToken("alice");
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
        List<Future<Integer>> stored = new ArrayList<>();
        for (int i = 0; i < UPLOADERS; i++) {
            int uploader = i;
            stored.add(pool.submit(() -> {
                String series = Uids.random();
                int count = 0;
                for (int from = 0; from < INSTANCES; from += BATCH) {
                    List<byte[]> batch = new ArrayList<>();
                    for (int n = from; n < from + BATCH; n++) {
                        batch.add(Stow.instance("PID-CONC-" + studies.get(uploader).substring(40), studies.get(uploader), series,
                                uploader + 1, n + 1, 8));
                    }
                    Stow.Reply reply = Stow.post(server.resolve("/api/albums/" + albums.get(uploader) + "/dicom-web/studies"), bearer, batch);
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    count += reply.stow().referenced().size();
                }
                return count;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("no deadlock").isTrue();
        for (Future<Integer> f : stored) {
            assertThat(f.get()).isEqualTo(INSTANCES);
        }

        for (int i = 0; i < UPLOADERS; i++) {
            List<String> ids = Api.orthanc().findStudyIds(studies.get(i));
            assertThat(ids).hasSize(1);
            int expected = i < UPLOADERS / 2 ? INSTANCES * UPLOADERS / 2 : INSTANCES;
            assertThat(Api.orthanc().sopInstanceUids(ids.get(0))).as("every instance once").hasSize(expected);
            String label = alice.get("/api/albums/" + albums.get(i)).field("label");
            assertThat(Api.orthanc().studyLabels(ids.get(0))).as("labelled").containsExactly(label);
        }
        Map<String, Integer> uploadEvents = Map.of(shared, UPLOADERS / 2 * INSTANCES / BATCH, albums.get(UPLOADERS - 1), INSTANCES / BATCH);
        uploadEvents.forEach((album, expected) -> {
            long uploads = 0;
            for (var event : alice.get("/api/albums/" + album + "/events?limit=100").json().path("items")) {
                if (event.path("kind").asText().equals("upload")) {
                    uploads++;
                }
            }
            assertThat(uploads).as("one event per upload request").isEqualTo(expected.longValue());
        });
    }
}
