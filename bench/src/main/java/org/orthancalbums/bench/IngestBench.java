package org.orthancalbums.bench;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.stow.MultipartRelatedWriter;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;
import org.orthancalbums.core.stow.StowResponse;

/**
 * `./albums bench ingest`: the same files, in the same batches, sent (a) straight to Orthanc's STOW-RS
 * and (b) through albums-server into an album; instances/s, MB/s, their ratio, and the server's peak
 * RSS sampled while it ingests. Rounds alternate a and b so that neither always runs on a warmer Orthanc.
 */
public final class IngestBench {
    private static final int BATCH = 250;
    private static final int ROUNDS = 2;

    private record Run(double seconds, int instances, long bytes) {
        double perSecond() {
            return instances / seconds;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "bench/target/bench-data/ingest");
        List<Path> files = BenchData.dataSet(data);
        long bytes = BenchData.totalBytes(files);
        System.out.printf("data: %d instances, %.0f MB, %d studies, batches of %d%n", files.size(), bytes / 1e6, BenchData.STUDIES, BATCH);

        String token = BenchStack.login("alice");
        String album = createAlbum(token);
        long pid = BenchStack.stackPid("albums-server");
        List<Run> direct = new ArrayList<>();
        List<Run> through = new ArrayList<>();
        long peakRss = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            direct.add(send(files, URI.create(BenchStack.env("ORTHANC_URL") + "/dicom-web/studies"), BenchStack.orthancAuth()));
            deleteStudies(files);
            token = BenchStack.login("alice");
            AtomicLong peak = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(BenchStack.rss(pid), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            through.add(send(files, URI.create(BenchStack.env("ALBUMS_URL") + "/api/albums/" + album + "/dicom-web/studies"),
                    "Bearer " + token));
            sampling.set(false);
            sampler.join();
            peakRss = Math.max(peakRss, peak.get());
            deleteStudies(files);
            System.out.printf("round %d: direct %.1f s, through albums-server %.1f s%n", round, direct.get(round - 1).seconds(),
                    through.get(round - 1).seconds());
        }
        Run a = best(direct);
        Run b = best(through);
        System.out.println();
        System.out.printf("%-34s %10s %12s %10s%n", "path (best of " + ROUNDS + ")", "seconds", "instances/s", "MB/s");
        System.out.printf("%-34s %10.2f %12.1f %10.1f%n", "(a) STOW straight to Orthanc", a.seconds(), a.perSecond(), a.megabytesPerSecond());
        System.out.printf("%-34s %10.2f %12.1f %10.1f%n", "(b) STOW through albums-server", b.seconds(), b.perSecond(), b.megabytesPerSecond());
        System.out.printf("ratio (b)/(a): %.2f   (target >= 0.90)%n", b.perSecond() / a.perSecond());
        System.out.printf("albums-server peak RSS while ingesting: %.0f MB   (target < 300 MB)%n", peakRss / 1e6);
        deleteAlbum(album);
    }

    private static Run best(List<Run> runs) {
        return runs.stream().min((x, y) -> Double.compare(x.seconds(), y.seconds())).orElseThrow();
    }

    private static Run send(List<Path> files, URI url, String authorization) throws Exception {
        long bytes = 0;
        int stored = 0;
        long start = System.nanoTime();
        for (int from = 0; from < files.size(); from += BATCH) {
            List<PartSource> parts = new ArrayList<>();
            for (Path file : files.subList(from, Math.min(files.size(), from + BATCH))) {
                parts.add(PartSource.of(file));
            }
            MultipartRelatedWriter writer = new MultipartRelatedWriter();
            long length = writer.contentLength(parts);
            PipedInputStream in = new PipedInputStream(1 << 20);
            PipedOutputStream out = new PipedOutputStream(in);
            Thread producer = new Thread(() -> {
                try (out) {
                    writer.writeTo(out, parts);
                } catch (IOException ignored) {
                    // the request failed; the status below says so
                }
            });
            producer.start();
            HttpResponse<String> response = BenchStack.send(HttpRequest.newBuilder(url)
                    .header("Authorization", authorization).header("Content-Type", writer.contentTypeHeader())
                    .header("Accept", "application/dicom+json")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> in), length))
                    .build());
            producer.join();
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            stored += StowResponse.parse(response.body().getBytes()).referenced().size();
            bytes += length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (stored != files.size()) {
            throw new IllegalStateException(url + " stored " + stored + " of " + files.size());
        }
        return new Run(seconds, stored, bytes);
    }

    static String createAlbum(String token) throws Exception {
        HttpResponse<String> response = BenchStack.send(HttpRequest.newBuilder(URI.create(BenchStack.env("ALBUMS_URL") + "/api/albums"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ingest benchmark " + System.currentTimeMillis() + "\"}")).build());
        return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    /** Benchmarks leave the demo users' album lists as they found them. */
    static void deleteAlbum(String album) throws Exception {
        BenchStack.send(HttpRequest.newBuilder(URI.create(BenchStack.env("ALBUMS_URL") + "/api/albums/" + album))
                .header("Authorization", "Bearer " + BenchStack.login("alice")).DELETE().build());
    }

    /** Leaves Orthanc as it was, so that every round stores the same instances afresh. */
    static void deleteStudies(List<Path> files) throws Exception {
        for (String uid : BenchData.studyUids(files)) {
            HttpResponse<String> lookup = BenchStack.send(HttpRequest.newBuilder(URI.create(BenchStack.env("ORTHANC_URL") + "/tools/lookup"))
                    .header("Authorization", BenchStack.orthancAuth()).POST(HttpRequest.BodyPublishers.ofString(uid)).build());
            String id = lookup.body().replaceAll("(?s).*\"ID\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            if (!id.equals(lookup.body())) {
                BenchStack.send(HttpRequest.newBuilder(URI.create(BenchStack.env("ORTHANC_URL") + "/studies/" + id))
                        .header("Authorization", BenchStack.orthancAuth()).DELETE().build());
            }
        }
    }
}
