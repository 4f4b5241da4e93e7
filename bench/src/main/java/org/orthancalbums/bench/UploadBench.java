package org.orthancalbums.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.orthancalbums.core.dicom.DicomHeaderReader;
import org.orthancalbums.core.scan.DicomScanner;

/**
 * `./albums bench upload`, one run, same files: the app's upload engine (the headless `./albums upload`
 * in its own JVM, so its RSS is its own) into an album; the way OE2 uploads (one POST /instances per
 * file, one after the other); and the best direct path to Orthanc (POST /instances, 4 in parallel).
 * Then the header reader's scan rate against reading every file whole.
 */
public final class UploadBench {
    private static final int WARM_UP_UPLOADS = 6;
    private static final okhttp3.OkHttpClient ORTHANC = org.orthancalbums.desktop.remote.HttpClients.create();
    private record Run(String name, double seconds, long bytes, int files, Cpu cpu) {
        String line() {
            return String.format("%-46s %8.2f %12.1f %8.1f   %s", name, seconds, files / seconds, bytes / 1e6 / seconds, cpu);
        }
    }

    /** CPU seconds used by Orthanc, albums-server and the uploading side (this JVM and the child it ran). */
    private record Cpu(double orthanc, double server, double client) {
        static Cpu now() throws IOException {
            return new Cpu(BenchStack.cpuSeconds(BenchStack.stackPid("orthanc"), false),
                    BenchStack.cpuSeconds(BenchStack.serverPid(), false), BenchStack.cpuSeconds(ProcessHandle.current().pid(), true));
        }

        Cpu since(Cpu start) {
            return new Cpu(orthanc - start.orthanc, server - start.server, client - start.client);
        }

        @Override
        public String toString() {
            return String.format("%6.1f %6.1f %6.1f", orthanc, server, client);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = BenchData.dataSet(Path.of(args.length > 0 ? args[0] : "bench/target/bench-data/ingest"));
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        System.out.printf("data: %d instances, %.0f MB, %d studies%n", files.size(), bytes / 1e6, BenchData.STUDIES);
        IngestBench.deleteStudies(files);

        // albums-server is a long-running service: its JIT is warmed up first (untimed), as in production
        long[] peakRss = {0};
        for (int warmUp = 1; warmUp <= WARM_UP_UPLOADS; warmUp++) {
            engine(files, bytes, peakRss);
            IngestBench.deleteStudies(files);
        }
        System.out.printf("albums-server warmed up with %d uploads of the data set%n", WARM_UP_UPLOADS);
        // two alternating rounds, best of each
        Run engine = null;
        Run oe2 = null;
        Run direct = null;
        for (int round = 1; round <= 2; round++) {
            engine = faster(engine, engine(files, bytes, peakRss));
            IngestBench.deleteStudies(files);
            oe2 = faster(oe2, postInstances("(b) OE2 way: POST /instances, one at a time", files, bytes, 1));
            IngestBench.deleteStudies(files);
            direct = faster(direct, postInstances("(c) direct ceiling: POST /instances, 4 at once", files, bytes, 4));
            IngestBench.deleteStudies(files);
            System.out.printf("round %d done%n", round);
        }

        System.out.printf("%n%-46s %8s %12s %8s   %s%n", "path (best of 2)", "seconds", "instances/s", "MB/s",
                "CPU seconds: Orthanc, albums-server, uploader");
        System.out.println(engine.line());
        System.out.println(oe2.line());
        System.out.println(direct.line());
        System.out.printf("engine / OE2 way: %.2f   (target >= 2)%n", oe2.seconds() / engine.seconds());
        System.out.printf("engine / direct ceiling: %.2f   (target >= 0.85)%n", direct.seconds() / engine.seconds());
        System.out.printf("engine peak RSS (its own JVM): %.0f MB   (target < 400 MB)%n", peakRss[0] / 1e6);
        scanRates(files);
    }

    private static Run faster(Run best, Run run) {
        return best == null || run.seconds() < best.seconds() ? run : best;
    }

    /** The real headless command in a child JVM, into a fresh album, with alice's token. */
    private static Run engine(List<Path> files, long bytes, long[] peakRss) throws Exception {
        String token = BenchStack.login("alice");
        String album = IngestBench.createAlbum(token);
        Path folder = files.get(0).getParent();
        // as `./albums upload` runs it: its JVM options, classpath and class-data archive (written by the first run)
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(BenchStack.env("ALBUMS_CLI_JAVA_OPTS").split(" +")));
        Path archive = Path.of(BenchStack.env("ALBUMS_CLI_ARCHIVE"));
        Files.createDirectories(archive.getParent());
        command.add((Files.exists(archive) ? "-XX:SharedArchiveFile=" : "-XX:ArchiveClassesAtExit=") + archive);
        command.addAll(List.of("-cp", BenchStack.env("ALBUMS_CLI_CLASSPATH"), "org.orthancalbums.desktop.cli.UploadCommand",
                "--server", BenchStack.env("ALBUMS_URL"), "--album", album, folder.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ALBUMS_TOKEN", token);
        Cpu cpu = Cpu.now();
        long start = System.nanoTime();
        Process process = builder.start();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(BenchStack.rss(process.pid()), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        sampler.join();
        if (exit != 0) {
            throw new IllegalStateException("./albums upload failed with exit code " + exit);
        }
        peakRss[0] = Math.max(peakRss[0], peak.get());
        return new Run("(a) app's engine into an album (./albums upload)", seconds, bytes, files.size(), Cpu.now().since(cpu));
    }

    /**
     * POST /instances, {@code parallel} at a time, with the most frugal client we have (OkHttp, files
     * streamed, large socket writes), so that the ceiling is Orthanc's and not a slow client's.
     */
    private static Run postInstances(String name, List<Path> files, long bytes, int parallel) throws Exception {
        okhttp3.HttpUrl url = okhttp3.HttpUrl.get(BenchStack.env("ORTHANC_URL") + "/instances");
        okhttp3.MediaType dicom = okhttp3.MediaType.get("application/dicom");
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        Cpu cpu = Cpu.now();
        long start = System.nanoTime();
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (Path file : files) {
                sent.add(pool.submit(() -> {
                    okhttp3.Request request = new okhttp3.Request.Builder().url(url).header("Authorization", BenchStack.orthancAuth())
                            .post(okhttp3.RequestBody.create(file.toFile(), dicom)).build();
                    try (okhttp3.Response response = ORTHANC.newCall(request).execute()) {
                        response.body().bytes();
                        return response.code();
                    }
                }));
            }
            for (Future<Integer> status : sent) {
                if (status.get() != 200) {
                    throw new IllegalStateException(name + ": Orthanc answered " + status.get());
                }
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(name, seconds, bytes, files.size(), Cpu.now().since(cpu));
    }

    /** Header-only scan against reading each file whole then parsing it: warm page cache for both, best of 3. */
    private static void scanRates(List<Path> files) throws IOException {
        double bestScan = 0;
        double bestWhole = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            int found = new DicomScanner().scan(List.of(files.get(0).getParent()), n -> { }).files().size();
            bestScan = Math.max(bestScan, found / ((System.nanoTime() - start) / 1e9));
            start = System.nanoTime();
            for (Path file : files) {
                DicomHeaderReader.read(new java.io.ByteArrayInputStream(Files.readAllBytes(file)));
            }
            bestWhole = Math.max(bestWhole, files.size() / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf("scan: header reader %.0f files/s; reading each file whole %.0f files/s; ratio %.1f%n",
                bestScan, bestWhole, bestScan / bestWhole);
    }
}
