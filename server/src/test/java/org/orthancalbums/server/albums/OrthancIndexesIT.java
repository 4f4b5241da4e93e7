package org.orthancalbums.server.albums;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.api.Page;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.ScratchOrthanc;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.orthancalbums.server.orthanc.StudyFinder;

/**
 * An album's pages and the album list's counts answer the same on Orthanc's two index backends: its default SQLite
 * index, which orders finds itself, and PostgreSQL through Debian trixie's orthanc-postgresql 5.0, which cannot
 * (it answers OrderBy with "The database backend doesn't support ordering"), so albums-server orders there.
 */
class OrthancIndexesIT {
    private static final List<String> NAMES = List.of("Martin^Paul", "Bernard^Luc", "Durand^Marie", "Petit^Jean", "Leroy^Claire",
            "Moreau^Anne", "Simon^Hugo");

    @TempDir
    Path dir;

    @Test
    void albumPagesAndCountsAreTheSameOnSqliteAndPostgresql() throws Exception {
        Page<StudySummary> onSqlite;
        try (ScratchOrthanc orthanc = ScratchOrthanc.start(dir.resolve("sqlite"), null)) {
            onSqlite = check(orthanc.url());
            orthanc.succeeded();
        }
        String pgUrl = Stack.env("ALBUMS_TEST_PG_URL");
        String user = Stack.env("ALBUMS_TEST_PG_USER");
        try (Connection admin = DriverManager.getConnection(pgUrl, user, "")) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS orthanc_index_it");
            admin.createStatement().execute("CREATE DATABASE orthanc_index_it");
        }
        URI pg = URI.create(pgUrl.substring("jdbc:".length()));
        try (ScratchOrthanc orthanc = ScratchOrthanc.start(dir.resolve("postgresql"),
                new ScratchOrthanc.PostgresIndex(pg.getHost(), pg.getPort(), "orthanc_index_it", user))) {
            OrthancClient client = new OrthancClient(orthanc.url(), "none", "none", null);
            assertThat(client.system().path("Capabilities").path("HasExtendedFind").asBoolean(true))
                    .as("Debian's orthanc-postgresql cannot order finds: the case this test is for").isFalse();
            Page<StudySummary> onPostgres = check(orthanc.url());
            assertThat(onPostgres.items()).extracting(StudySummary::patientName)
                    .containsExactlyElementsOf(onSqlite.items().stream().map(StudySummary::patientName).toList());
            orthanc.succeeded();
        } finally {
            try (Connection admin = DriverManager.getConnection(pgUrl, user, "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS orthanc_index_it");
            }
        }
    }

    /** Seven studies in album A (one a day), three in B, one in none; answers the first page of A, newest first. */
    private static Page<StudySummary> check(URI url) throws Exception {
        for (int i = 0; i < NAMES.size(); i++) {
            store(url, NAMES.get(i), "2024010" + (i + 1), "album-a");
        }
        for (int i = 0; i < 3; i++) {
            store(url, "Other^Patient" + i, "20230101", "album-b");
        }
        store(url, "Loose^Study", "20220101");
        OrthancClient client = new OrthancClient(url, "none", "none", null);
        StudyFinder finder = new StudyFinder(client);

        Page<StudySummary> newest = finder.list("album-a", null, new StudyFinder.Order(StudyFinder.Sort.STUDY_DATE, true), 0, 3);
        assertThat(newest.total()).isEqualTo(7);
        assertThat(newest.items()).extracting(StudySummary::studyDate).containsExactly("20240107", "20240106", "20240105");
        // the page's details, as on the ordering Orthanc
        assertThat(newest.items()).allSatisfy(s -> {
            assertThat(s.modalities()).containsExactly("CT");
            assertThat(s.seriesCount()).isEqualTo(1);
            assertThat(s.instanceCount()).isEqualTo(1);
        });
        assertThat(finder.list("album-a", null, new StudyFinder.Order(StudyFinder.Sort.STUDY_DATE, true), 6, 3).items())
                .extracting(StudySummary::studyDate).containsExactly("20240101");
        Page<StudySummary> beyond = finder.list("album-a", null, new StudyFinder.Order(StudyFinder.Sort.STUDY_DATE, true), 50, 3);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(7);
        assertThat(finder.list("album-a", null, new StudyFinder.Order(StudyFinder.Sort.PATIENT_NAME, false), 0, 2).items())
                .extracting(StudySummary::patientName).containsExactly("Bernard^Luc", "Durand^Marie");
        assertThat(finder.list("album-a", "petit", new StudyFinder.Order(StudyFinder.Sort.STUDY_DATE, true), 0, 10).items())
                .extracting(StudySummary::patientName).containsExactly("Petit^Jean");

        MovableClock clock = new MovableClock();
        StudyCounts studyCounts = new StudyCounts(client, clock);
        Map<String, Long> counts = studyCounts.of(List.of("album-a", "album-b", "album-c"));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("album-a", 7L, "album-b", 3L, "album-c", 0L));

        // a study labelled beside albums-server (an administrator in OE2): fresh counts stay, stale ones are answered
        // at once and refreshed in the background
        store(url, "Added^InOE2", "20240201", "album-b");
        assertThat(studyCounts.of(List.of("album-b"))).containsEntry("album-b", 3L);
        clock.advance(StudyCounts.TTL_MILLIS + 1);
        assertThat(studyCounts.of(List.of("album-b"))).as("stale, answered at once").containsEntry("album-b", 3L);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (studyCounts.of(List.of("album-b")).get("album-b") != 4L) {
            assertThat(System.nanoTime()).as("the background refresh brings the new count").isLessThan(deadline);
            Thread.sleep(50);
        }
        // a label albums-server changes is asked again at once
        store(url, "Added^ByUs", "20240202", "album-c");
        studyCounts.changed("album-c");
        assertThat(studyCounts.of(List.of("album-c"))).containsEntry("album-c", 1L);

        // a member of more albums than one question asks about: a study in albums of two questions counts once in each
        List<String> many = java.util.stream.IntStream.range(0, StudyCounts.LABELS_PER_QUESTION + 50).mapToObj(i -> "many-" + i).toList();
        store(url, "Many^Albums", "20240301", many.get(0), many.get(many.size() - 1));
        store(url, "Many^Albums2", "20240302", many.get(1));
        Map<String, Long> manyCounts = studyCounts.of(many);
        assertThat(manyCounts).hasSize(many.size());
        assertThat(manyCounts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        assertThat(manyCounts).containsEntry(many.get(0), 1L).containsEntry(many.get(1), 1L).containsEntry(many.get(many.size() - 1), 1L);
        return newest;
    }

    private static final class MovableClock extends Clock {
        private volatile long millis = System.currentTimeMillis();

        void advance(long by) {
            millis += by;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis);
        }
    }

    private static void store(URI url, String patient, String date, String... labels) throws Exception {
        byte[] dicom = DicomFileWriter.write(new DicomFileWriter.Instance("IDX-" + patient, patient, Uids.random(), Uids.random(),
                Uids.random(), date, "Index test", "CT", 1, 1, 8, 8));
        HttpResponse<String> stored = Stack.http().send(HttpRequest.newBuilder(url.resolve("/instances"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(dicom)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        String study = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stored.body()).path("ParentStudy").asText();
        for (String label : labels) {
            assertThat(Stack.http().send(HttpRequest.newBuilder(url.resolve("/studies/" + study + "/labels/" + label))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
    }
}
