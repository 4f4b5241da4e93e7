package org.orthancalbums.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.ScratchOrthanc;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.orthancalbums.server.orthanc.StudyFinder;

/**
 * How Orthanc's answers to what Orthanc Albums and the authorization plugin ask grow with the archive: a scratch
 * Orthanc (the stack's own build) on its default SQLite index, then on PostgreSQL through Debian's
 * orthanc-postgresql plugin, grown to 1,000, 10,000 and 100,000 studies, each study in one of 600 albums' labels.
 * At each size, best of 5:
 * <ul>
 *   <li>an OE2 study list of a member of 522 albums (the plugin adds her 522 labels, any of them, limit 50);</li>
 *   <li>the same list for an administrator (no labels);</li>
 *   <li>the album list's one question for her 522 albums' study counts (every study in them, its labels only),
 *   and the other way, one count per album ({@code /tools/count-resources} with one label, 522 times);</li>
 *   <li>a page of one album's studies, newest first, as albums-server asks for it (StudyFinder).</li>
 * </ul>
 * Nothing of the stack is touched: the scratch Orthanc has its own port, folders and database, removed at the end.
 */
public final class OrthancScaleBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ALBUMS = 600;
    private static final int MEMBER_OF = 522;
    private static final int UPLOADERS = 4;

    private OrthancScaleBench() {
    }

    /** {@code args}: the test PostgreSQL's JDBC URL (or "" for SQLite only), then the sizes (e.g. 1000,10000). */
    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 1 ? Stream.of(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1_000, 10_000, 100_000};
        Path work = Files.createDirectories(Path.of("bench/target/orthanc-scale"));
        System.out.println("== Orthanc on its default SQLite index ==");
        grow(work.resolve("sqlite"), null, sizes);
        if (!args[0].isBlank()) {
            System.out.println();
            System.out.println("== Orthanc on PostgreSQL (Debian's orthanc-postgresql plugin, index only) ==");
            URI url = URI.create(args[0].substring("jdbc:".length()));
            try (Connection admin = DriverManager.getConnection(args[0], BenchStack.env("ALBUMS_TEST_PG_USER"), "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS orthanc_scale");
                admin.createStatement().execute("CREATE DATABASE orthanc_scale");
            }
            try {
                grow(work.resolve("postgresql"), new ScratchOrthanc.PostgresIndex(url.getHost(), url.getPort(), "orthanc_scale",
                        BenchStack.env("ALBUMS_TEST_PG_USER")), sizes);
            } finally {
                try (Connection admin = DriverManager.getConnection(args[0], BenchStack.env("ALBUMS_TEST_PG_USER"), "")) {
                    admin.createStatement().execute("DROP DATABASE IF EXISTS orthanc_scale");
                }
            }
        }
    }

    private static void grow(Path dir, ScratchOrthanc.PostgresIndex pg, int[] sizes) throws Exception {
        try (ScratchOrthanc orthanc = ScratchOrthanc.start(dir, pg)) {
            String base = orthanc.url().toString();
            OrthancClient client = new OrthancClient(URI.create(base), "none", "none", null);
            StudyFinder finder = new StudyFinder(client);
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < ALBUMS; i++) {
                labels.add(String.format("album-%03d", i));
            }
            System.out.printf("%9s %12s %16s %16s %18s %18s %14s%n", "studies", "stored/s", "OE2 list 522", "OE2 list admin",
                    "counts, 1 question", "counts, 522 counts", "album page");
            int stored = 0;
            for (int size : sizes) {
                long start = System.nanoTime();
                store(base, stored, size, labels);
                double rate = (size - stored) / ((System.nanoTime() - start) / 1e9);
                stored = size;
                List<String> hers = labels.subList(0, MEMBER_OF);
                double member = best(() -> find(base, listing(hers)));
                double admin = best(() -> find(base, listing(List.of())));
                double counts = best(() -> find(base, counts(hers)));
                double perAlbum = best(() -> hers.stream().mapToLong(finder::count).sum());
                double page = best(() -> finder.list(labels.get(7), null, 0, 50).items().size());
                System.out.printf("%9d %12.0f %13.0f ms %13.0f ms %15.0f ms %15.0f ms %11.0f ms%n", size, rate, member, admin, counts, perAlbum,
                        page);
            }
            long bytes;
            try (Stream<Path> files = Files.walk(dir)) {
                bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            System.out.printf("(a study: one 8x8 image; %d albums' labels, one per study; folders %.0f MB%s)%n", ALBUMS, bytes / 1e6,
                    pg == null ? "" : ", index in PostgreSQL");
            orthanc.succeeded();
        }
    }

    /** What OE2's study list sends, with the labels the plugin adds for a member (none for an administrator). */
    private static ObjectNode listing(List<String> labels) {
        ObjectNode query = JSON.createObjectNode().put("Level", "Study").put("Expand", true).put("Limit", 50);
        query.putObject("Query");
        if (!labels.isEmpty()) {
            labels.forEach(query.putArray("Labels")::add);
            query.put("LabelsConstraint", "Any");
        }
        return query;
    }

    /** The album list's question for its study counts (albums-server's StudyCounts): every study in the albums, its labels only. */
    private static ObjectNode counts(List<String> labels) {
        ObjectNode query = JSON.createObjectNode().put("Level", "Study").put("LabelsConstraint", "Any");
        labels.forEach(query.putArray("Labels")::add);
        query.putObject("Query");
        query.putArray("ResponseContent").add("Labels");
        return query;
    }

    private static int find(String base, ObjectNode query) throws IOException, InterruptedException {
        HttpResponse<String> response = BenchStack.send(HttpRequest.newBuilder(URI.create(base + "/tools/find"))
                .POST(HttpRequest.BodyPublishers.ofString(query.toString())).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Orthanc answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).size();
    }

    /** Studies {@code from}..{@code to}-1, one image each, study i in label i mod 600, by a few uploaders at once. */
    private static void store(String base, int from, int to, List<String> labels) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
        try {
            List<Future<?>> uploaders = new ArrayList<>();
            for (int u = 0; u < UPLOADERS; u++) {
                uploaders.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        byte[] dicom = DicomFileWriter.write(new DicomFileWriter.Instance("SCALE-" + i, "Scale^Patient" + i, Uids.random(),
                                Uids.random(), Uids.random(), String.format("2%03d%02d%02d", i % 1000, 1 + i % 12, 1 + i % 28),
                                "Scale study " + i, "CT", 1, 1, 8, 8));
                        HttpResponse<String> stored = BenchStack.send(HttpRequest.newBuilder(URI.create(base + "/instances"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(dicom)).build());
                        String study = JSON.readTree(stored.body()).path("ParentStudy").asText();
                        HttpResponse<String> labelled = BenchStack.send(HttpRequest.newBuilder(
                                        URI.create(base + "/studies/" + study + "/labels/" + labels.get(i % labels.size())))
                                .PUT(HttpRequest.BodyPublishers.noBody()).build());
                        if (stored.statusCode() != 200 || labelled.statusCode() != 200) {
                            throw new IllegalStateException("Orthanc refused study " + i + ": " + stored.statusCode() + "/" + labelled.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> uploader : uploaders) {
                uploader.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Timed {
        Object run() throws Exception;
    }

    /** Best of 5, in milliseconds. */
    private static double best(Timed call) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            call.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }
}
