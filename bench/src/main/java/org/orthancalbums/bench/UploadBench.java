package org.orthancalbums.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.orthancalbums.core.dicom.DicomHeaderReader;
import org.orthancalbums.core.scan.DicomScanner;
import org.orthancalbums.desktop.remote.HttpClients;

/**
 * `./albums bench upload`, one run, same files: the app's upload engine (the headless `./albums upload`
 * in its own JVM, so its RSS is its own) into an album; the way OE2 uploads (one POST /instances per
 * file, one after the other); and the best direct path to Orthanc (POST /instances, 4 in parallel).
 * Then the header reader's scan rate against reading every file whole.
 */
public final class UploadBench {
    private static final int WARM_UP_UPLOADS = 6;
    /** The best time of the whole command (JVM start and scan included), printed beside the engine's. */
    private static double bestWholeCommand = Double.MAX_VALUE;
    private static final OkHttpClient OK_HTTP = HttpClients.create();
    private record Run(String name, double seconds, long bytes, int files, Cpu cpu) {
        String line() {
            return String.format("%-46s %8.2f %12.1f %8.1f   %s", name, seconds, files / seconds, bytes / 1e6 / seconds, cpu);
        }
    }

    /** CPU seconds used by Orthanc, albums-server and the uploading side (this JVM and the child it ran). */
    private record Cpu(double orthanc, double server, double client) {
        static Cpu now() throws IOException {
            return new Cpu(BenchStack.cpuSeconds(BenchStack.stackPid("orthanc"), false),
                    BenchStack.cpuSeconds(BenchStack.stackPid("albums-server"), false), BenchStack.cpuSeconds(ProcessHandle.current().pid(), true));
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
            oe2 = faster(oe2, postInstances("(b) OE2 way: POST /instances, one at a time", files, bytes, 1, UploadBench::postPromptly));
            IngestBench.deleteStudies(files);
            direct = faster(direct, postInstances("(c) direct ceiling: POST /instances, 4 at once", files, bytes, 4, UploadBench::postFrugally));
            IngestBench.deleteStudies(files);
            System.out.printf("round %d done%n", round);
        }

        System.out.printf("%n%-46s %8s %12s %8s   %s%n", "path (best of 2)", "seconds", "instances/s", "MB/s",
                "CPU seconds: Orthanc, albums-server, uploader");
        System.out.println(engine.line());
        System.out.println(oe2.line());
        System.out.println(direct.line());
        System.out.printf("(the whole ./albums upload command, JVM start and the scan of the files included: %.2f s)%n", bestWholeCommand);
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
                .redirectError(ProcessBuilder.Redirect.DISCARD);
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
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double wholeCommand = (System.nanoTime() - start) / 1e9;
        running.set(false);
        sampler.join();
        IngestBench.deleteAlbum(album);
        if (exit != 0) {
            throw new IllegalStateException("./albums upload failed with exit code " + exit + ":\n" + output);
        }
        // the send itself, as the peers are timed: the app sends after its preview's scan, in a running JVM
        java.util.regex.Matcher sent = java.util.regex.Pattern.compile("sent in ([0-9.]+) s").matcher(output);
        if (!sent.find()) {
            throw new IllegalStateException("./albums upload did not say how long it sent:\n" + output);
        }
        double seconds = Double.parseDouble(sent.group(1));
        bestWholeCommand = Math.min(bestWholeCommand, wholeCommand);
        peakRss[0] = Math.max(peakRss[0], peak.get());
        return new Run("(a) app's engine into an album (./albums upload)", seconds, bytes, files.size(), Cpu.now().since(cpu));
    }

    /** Sends one file with POST /instances; answers the HTTP status. */
    private interface Poster {
        int post(Path file) throws IOException;
    }

    /** The ceiling: the frugal client albums-server uses for Orthanc (HttpURLConnection, the file copied straight to the socket). */
    private static int postFrugally(Path file) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(BenchStack.env("ORTHANC_URL") + "/instances").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Authorization", BenchStack.orthancAuth());
        connection.setRequestProperty("Content-Type", "application/dicom");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(Files.size(file));
        try (OutputStream out = connection.getOutputStream()) {
            Files.copy(file, out);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
            in.readAllBytes();
        }
        return status;
    }

    /**
     * One after the other, each request's latency counts more than CPU: OkHttp with Nagle off (the JDK's clients wait
     * for Orthanc's delayed acknowledgements now and then), so the OE2-style peer is not made slower than it is.
     */
    private static int postPromptly(Path file) throws IOException {
        Request request = new Request.Builder().url(BenchStack.env("ORTHANC_URL") + "/instances").header("Authorization", BenchStack.orthancAuth())
                .post(RequestBody.create(file.toFile(), MediaType.get("application/dicom"))).build();
        try (Response response = OK_HTTP.newCall(request).execute()) {
            response.body().bytes();
            return response.code();
        }
    }

    private static Run postInstances(String name, List<Path> files, long bytes, int parallel, Poster poster) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        Cpu cpu = Cpu.now();
        long start = System.nanoTime();
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (Path file : files) {
                sent.add(pool.submit(() -> poster.post(file)));
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
