package org.orthancalbums.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `./albums bench cstore`: the same files sent with dcmtk's storescu (one association, as a scanner
 * sends) (a) straight to Orthanc's own AE title and (b) to an album upload token's AE title, through
 * the Lua filter that asks albums-server before each instance; for (b) the clock stops when every
 * study carries the album's label. Rounds alternate a and b; best of each, and their ratio.
 */
public final class CStoreBench {
    private static final int ROUNDS = 2;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "bench/target/bench-data/ingest");
        List<Path> files = BenchData.dataSet(data);
        long bytes = BenchData.totalBytes(files);
        List<String> studies = BenchData.studyUids(files);
        System.out.printf("data: %d instances, %.0f MB, %d studies; storescu, one association%n", files.size(), bytes / 1e6, studies.size());

        String token = BenchStack.login("alice");
        String album = IngestBench.createAlbum(token);
        HttpResponse<String> created = BenchStack.send(HttpRequest.newBuilder(
                        URI.create(BenchStack.env("ALBUMS_URL") + "/api/albums/" + album + "/tokens"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"upload\",\"dicom\":true,\"expiresInSeconds\":7200}")).build());
        String albumAet = created.body().replaceAll(".*\"calledAeTitle\":\"([^\"]+)\".*", "$1");
        String label = BenchStack.send(HttpRequest.newBuilder(URI.create(BenchStack.env("ALBUMS_URL") + "/api/albums/" + album))
                .header("Authorization", "Bearer " + token).build()).body().replaceAll(".*\"label\":\"([^\"]+)\".*", "$1");

        List<Double> direct = new ArrayList<>();
        List<Double> through = new ArrayList<>();
        IngestBench.deleteStudies(files);
        for (int round = 1; round <= ROUNDS; round++) {
            direct.add(send(data, BenchStack.env("ORTHANC_AET"), files.size()));
            IngestBench.deleteStudies(files);
            long start = System.nanoTime();
            send(data, albumAet, files.size());
            for (String uid : studies) {
                awaitLabel(uid, label);
            }
            through.add((System.nanoTime() - start) / 1e9);
            IngestBench.deleteStudies(files);
            System.out.printf("round %d: straight to Orthanc %.1f s, into the album %.1f s%n", round, direct.get(round - 1),
                    through.get(round - 1));
        }
        double a = direct.stream().min(Double::compare).orElseThrow();
        double b = through.stream().min(Double::compare).orElseThrow();
        System.out.println();
        System.out.printf("%-40s %10s %12s %10s%n", "path (best of " + ROUNDS + ")", "seconds", "instances/s", "MB/s");
        System.out.printf("%-40s %10.2f %12.1f %10.1f%n", "(a) C-STORE to Orthanc's AE title", a, files.size() / a, bytes / 1e6 / a);
        System.out.printf("%-40s %10.2f %12.1f %10.1f%n", "(b) C-STORE to the album's AE title", b, files.size() / b, bytes / 1e6 / b);
        System.out.printf("ratio (b)/(a): %.2f   (target >= 0.90)%n", a / b);
        IngestBench.deleteAlbum(album);
    }

    /** Sends the whole folder in one association; every instance must be answered Success. */
    private static double send(Path folder, String calledAet, int expected) throws Exception {
        Path log = Files.createTempFile("storescu", ".log");
        long start = System.nanoTime();
        Process storescu = new ProcessBuilder("storescu", "-v", "--no-halt", "-aec", calledAet, "+sd", "+r", "127.0.0.1",
                BenchStack.env("ORTHANC_DICOM_PORT"), folder.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!storescu.waitFor(30, TimeUnit.MINUTES)) {
            storescu.destroyForcibly();
            throw new IllegalStateException("storescu did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        Files.delete(log);
        long stored = output.lines().filter(l -> l.contains("Received Store Response (Success)")).count();
        if (stored != expected) {
            throw new IllegalStateException("storescu to " + calledAet + " stored " + stored + " of " + expected + ":\n"
                    + output.lines().filter(l -> l.contains("Store Response")).distinct().limit(5).toList());
        }
        return seconds;
    }

    private static void awaitLabel(String studyUid, String label) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> lookup = BenchStack.send(HttpRequest.newBuilder(URI.create(BenchStack.env("ORTHANC_URL") + "/tools/lookup"))
                    .header("Authorization", BenchStack.orthancAuth()).POST(HttpRequest.BodyPublishers.ofString(studyUid)).build());
            String id = lookup.body().replaceAll("(?s).*\"ID\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            if (!id.equals(lookup.body())) {
                String labels = BenchStack.send(HttpRequest.newBuilder(URI.create(BenchStack.env("ORTHANC_URL") + "/studies/" + id + "/labels"))
                        .header("Authorization", BenchStack.orthancAuth()).build()).body();
                if (labels.contains(label)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("study " + studyUid + " never got the album's label");
    }
}
