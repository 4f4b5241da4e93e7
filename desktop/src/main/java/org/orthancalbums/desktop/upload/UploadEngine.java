package org.orthancalbums.desktop.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.orthancalbums.core.scan.ScanResult;
import org.orthancalbums.core.stow.MultipartRelatedWriter;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;
import org.orthancalbums.core.stow.StowResponse;
import org.orthancalbums.desktop.upload.UploadReport.FileResult;
import org.orthancalbums.desktop.upload.UploadReport.Outcome;

/**
 * Sends scanned DICOM files into an album over STOW-RS: first asks which instances the album already
 * holds (so an interrupted upload resends nothing), then streams batches from disk, a few at a time,
 * retrying a batch after a network or server failure. No JavaFX here: the upload model drives it.
 */
public final class UploadEngine {
    /** Batch limits, parallel requests, retries. */
    public record Settings(int batchFiles, long batchBytes, int concurrency, int attempts, Duration firstBackoff) {
        public static Settings defaults() {
            return new Settings(50, 64L << 20, 3, 6, Duration.ofSeconds(1));
        }
    }

    private final OkHttpClient http;
    private final Settings settings;
    /** Released by cancel(): no batch starts any more, and one waiting before its next attempt stops waiting. */
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final Set<Call> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public UploadEngine(OkHttpClient http, Settings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** Stops the upload: no new batch starts, batches on the wire are cut. Files not sent are reported so. */
    public void cancel() {
        cancelled.countDown();
        running.forEach(Call::cancel);
    }

    private boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    public UploadReport upload(Destination destination, ScanResult scan, Consumer<UploadProgress> progress) throws IOException {
        List<FileResult> results = new ArrayList<>();
        scan.skipped().forEach(s -> results.add(new FileResult(s.displayPath(), null, null, Outcome.SKIPPED, s.reason())));

        List<ScanResult.Found> toSend = new ArrayList<>();
        List<FileResult> present = new ArrayList<>();
        long presentBytes = 0;
        Map<String, Set<String>> inAlbum = new HashMap<>();
        for (ScanResult.Found file : scan.files()) {
            String study = file.header().studyInstanceUid();
            Set<String> there = inAlbum.get(study);
            if (there == null) {
                there = new HashSet<>(destination.alreadyThere(study));
                inAlbum.put(study, there);
            }
            if (there.contains(file.header().sopInstanceUid())) {
                present.add(result(file, Outcome.ALREADY_PRESENT, "already in the album"));
                presentBytes += file.source().size();
            } else {
                toSend.add(file);
            }
        }
        results.addAll(present);
        Tracker tracker = new Tracker(scan, progress); // its clock starts now: the rate is the sending's
        tracker.finished(present, presentBytes);

        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "albums-upload");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<FileResult>>> batches = new ArrayList<>();
            for (List<ScanResult.Found> batch : batches(toSend)) {
                batches.add(pool.submit(() -> tracker.finished(send(destination, batch, tracker), 0)));
            }
            for (Future<List<FileResult>> batch : batches) {
                results.addAll(await(batch));
            }
        } finally {
            pool.shutdownNow();
        }
        return new UploadReport(results);
    }

    private List<List<ScanResult.Found>> batches(List<ScanResult.Found> files) {
        List<List<ScanResult.Found>> batches = new ArrayList<>();
        List<ScanResult.Found> current = new ArrayList<>();
        long bytes = 0;
        for (ScanResult.Found file : files) {
            if (!current.isEmpty() && (current.size() >= settings.batchFiles() || bytes + file.source().size() > settings.batchBytes())) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(file);
            bytes += file.source().size();
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** One batch, retried with a growing pause while the server or the network fails. */
    private List<FileResult> send(Destination destination, List<ScanResult.Found> batch, Tracker tracker) throws InterruptedException {
        Duration pause = settings.firstBackoff();
        String lastProblem = "";
        boolean refusedOnce = false;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (isCancelled()) {
                return outcome(batch, Outcome.NOT_SENT, "cancelled");
            }
            AtomicLong sent = new AtomicLong();
            tracker.sending(batch, 1);
            try {
                StowResponse response = post(destination, batch, n -> {
                    sent.addAndGet(n);
                    tracker.bytes(n);
                });
                return collect(batch, response);
            } catch (Unauthorized e) {
                // one more try gets a renewed session token; a second refusal is final (revoked or wrong token)
                if (refusedOnce) {
                    tracker.bytes(-sent.get());
                    return outcome(batch, Outcome.FAILED, e.getMessage());
                }
                refusedOnce = true;
                lastProblem = e.getMessage();
            } catch (Retryable e) {
                lastProblem = e.getMessage();
            } catch (IOException e) {
                lastProblem = isCancelled() ? "cancelled" : "the connection failed (" + e.getMessage() + ")";
            } catch (Refused e) {
                tracker.bytes(-sent.get());
                return outcome(batch, Outcome.FAILED, e.getMessage());
            } finally {
                tracker.sending(batch, -1);
            }
            tracker.bytes(-sent.get()); // these bytes will be sent again
            if (isCancelled()) {
                return outcome(batch, Outcome.NOT_SENT, "cancelled");
            }
            if (attempt < settings.attempts()) {
                if (cancelled.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return outcome(batch, Outcome.NOT_SENT, "cancelled");
                }
                pause = pause.multipliedBy(2);
            }
        }
        return outcome(batch, Outcome.FAILED, lastProblem + " (tried " + settings.attempts() + " times)");
    }

    private StowResponse post(Destination destination, List<ScanResult.Found> batch, java.util.function.LongConsumer sent) throws IOException {
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        List<PartSource> parts = batch.stream().map(f -> new PartSource("application/dicom", f.source().size(), f.source()::open)).toList();
        long length = writer.contentLength(parts);
        RequestBody body = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get(writer.contentTypeHeader());
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                writer.writeTo(new CountingStream(sink.outputStream(), sent), parts);
            }
        };
        Request request = new Request.Builder().url(destination.stowUrl()).header("Authorization", destination.authorization())
                .header("Accept", "application/dicom+json").post(body).build();
        Call call = http.newCall(request);
        running.add(call);
        if (isCancelled()) {
            call.cancel(); // cancel() ran between the check before this attempt and now
        }
        try (Response response = call.execute()) {
            int status = response.code();
            byte[] answer = response.body().bytes();
            if (status == 200 || status == 202 || status == 409) {
                return StowResponse.parse(answer);
            }
            if (status == 401) {
                throw new Unauthorized(message(answer, status));
            }
            if (status >= 500 || status == 429) {
                throw new Retryable("the server failed (" + status + ")");
            }
            throw new Refused(message(answer, status));
        } finally {
            running.remove(call);
        }
    }

    private static List<FileResult> collect(List<ScanResult.Found> batch, StowResponse response) {
        Set<String> stored = new HashSet<>();
        response.referenced().forEach(s -> stored.add(s.sopInstanceUid()));
        Map<String, String> failures = new LinkedHashMap<>();
        response.failed().forEach(f -> failures.put(f.sopInstanceUid(), f.reasonText()));
        List<FileResult> results = new ArrayList<>();
        for (ScanResult.Found file : batch) {
            String sop = file.header().sopInstanceUid();
            if (stored.contains(sop)) {
                results.add(result(file, Outcome.STORED, ""));
            } else {
                results.add(result(file, Outcome.FAILED, failures.getOrDefault(sop, "the server did not confirm it")));
            }
        }
        return results;
    }

    private static List<FileResult> outcome(List<ScanResult.Found> batch, Outcome outcome, String reason) {
        return batch.stream().map(f -> result(f, outcome, reason)).toList();
    }

    private static FileResult result(ScanResult.Found file, Outcome outcome, String reason) {
        return new FileResult(file.source().displayPath(), file.header().studyInstanceUid(), file.header().sopInstanceUid(), outcome, reason);
    }

    private static String message(byte[] answer, int status) {
        String text = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        return m.find() ? m.group(1) : "the server refused the upload (" + status + ")";
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the upload was interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("the upload failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A failure worth another attempt (server error, expired token renewed on the next try). */
    private static final class Retryable extends IOException {
        Retryable(String message) {
            super(message);
        }
    }

    /** The server did not accept the credentials (an expired session, or a revoked or wrong token). */
    private static final class Unauthorized extends IOException {
        Unauthorized(String message) {
            super(message);
        }
    }

    /** The server refused the batch for good (413, 403…): no retry. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Totals and per-study counts across batches running in parallel; reports at most every 100 ms. */
    private static final class Tracker {
        /** No time left is shown before this: the first instants' rate says little. */
        private static final long SETTLING_NANOS = 1_000_000_000L;

        private final int filesTotal;
        private final long bytesTotal;
        private final Consumer<UploadProgress> listener;
        private final AtomicInteger files = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();
        /** Bytes on the wire only: files already in the album are done without making the rate look faster. */
        private final AtomicLong sent = new AtomicLong();
        private final long start = System.nanoTime();
        /** Guarded by itself; in scan order. */
        private final Map<String, StudyCounts> studies = new LinkedHashMap<>();
        private volatile long lastReport;

        Tracker(ScanResult scan, Consumer<UploadProgress> listener) {
            this.filesTotal = scan.files().size();
            this.bytesTotal = scan.bytes();
            this.listener = listener;
            scan.files().forEach(f -> studies.computeIfAbsent(f.header().studyInstanceUid(), uid -> new StudyCounts()).files++);
        }

        void bytes(long n) {
            bytes.addAndGet(n);
            sent.addAndGet(n);
            report(false);
        }

        void sending(List<ScanResult.Found> batch, int delta) {
            synchronized (studies) {
                batch.forEach(f -> studies.get(f.header().studyInstanceUid()).sending += delta);
            }
        }

        /** Files that reached their outcome; {@code extraBytes}: bytes done without being sent (already in the album). */
        List<FileResult> finished(List<FileResult> results, long extraBytes) {
            synchronized (studies) {
                for (FileResult r : results) {
                    StudyCounts counts = studies.get(r.studyInstanceUid());
                    switch (r.outcome()) {
                        case STORED -> counts.stored++;
                        case ALREADY_PRESENT -> counts.alreadyPresent++;
                        case FAILED -> counts.failed++;
                        default -> { } // not sent: the study just stays where it was
                    }
                }
            }
            files.addAndGet((int) results.stream().filter(r -> r.outcome() != Outcome.NOT_SENT).count());
            bytes.addAndGet(extraBytes);
            report(true);
            return results;
        }

        private void report(boolean always) {
            if (!always && System.nanoTime() - lastReport < 100_000_000L) {
                return; // checked before taking the lock: bytes() calls this for every write
            }
            reportNow();
        }

        /** Synchronized: snapshots reach the listener in the order they were taken, so the last one is the latest. */
        private synchronized void reportNow() {
            long now = System.nanoTime();
            lastReport = now;
            long elapsed = Math.max(1, now - start);
            long done = Math.min(bytes.get(), bytesTotal);
            double rate = Math.max(0, sent.get()) / (elapsed / 1e9);
            Duration remaining = rate > 0 && elapsed >= SETTLING_NANOS ? Duration.ofSeconds((long) ((bytesTotal - done) / rate)) : null;
            List<StudyProgress> snapshot = new ArrayList<>(studies.size());
            synchronized (studies) {
                studies.forEach((uid, c) -> snapshot.add(new StudyProgress(uid, c.files, c.stored, c.alreadyPresent, c.failed, c.sending)));
            }
            listener.accept(new UploadProgress(files.get(), filesTotal, done, bytesTotal, rate, remaining, snapshot));
        }

        private static final class StudyCounts {
            int files;
            int stored;
            int alreadyPresent;
            int failed;
            int sending;
        }
    }

    /** Counts bytes on their way to the socket, for the progress bar. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        private final java.util.function.LongConsumer counter;

        CountingStream(OutputStream out, java.util.function.LongConsumer counter) {
            super(out);
            this.counter = counter;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            counter.accept(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            counter.accept(1);
        }

        @Override
        public void close() {
            // the HTTP client owns the socket's stream
        }
    }
}
