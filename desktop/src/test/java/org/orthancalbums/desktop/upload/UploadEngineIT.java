package org.orthancalbums.desktop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.scan.DicomScanner;
import org.orthancalbums.core.scan.ScanResult;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.login.Session;
import org.orthancalbums.desktop.login.ShortLivedSession;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.upload.UploadReport.Outcome;

/** The app's upload engine against the real stack: a whole drop, a cancelled then resumed upload, Orthanc going away. */
class UploadEngineIT {
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(2)).build();

    @TempDir
    Path drop;

    /** {@code studies} x {@code series} x {@code instances} files, plus a text file and a DICOMDIR-like junk. */
    private ScanResult makeDrop(int studies, int series, int instances) throws IOException {
        for (int st = 0; st < studies; st++) {
            String study = Uids.random();
            for (int se = 1; se <= series; se++) {
                String seriesUid = Uids.random();
                Path folder = Files.createDirectories(drop.resolve("study" + st).resolve("series" + se));
                for (int i = 1; i <= instances; i++) {
                    Files.write(folder.resolve("IM" + i), DicomFileWriter.write(new DicomFileWriter.Instance("UP-" + st,
                            "Upload^Engine" + st, study, seriesUid, Uids.random(), "20250301", "Engine test", "CT", se, i, 32, 32)));
                }
            }
        }
        Files.writeString(drop.resolve("README.txt"), "burned by the scanner");
        return new DicomScanner().scan(List.of(drop), n -> { });
    }

    private static UploadEngine engine(int batchFiles, int concurrency, int attempts) {
        return new UploadEngine(HTTP, new UploadEngine.Settings(batchFiles, 64L << 20, concurrency, attempts, Duration.ofSeconds(1)));
    }

    @Test
    void aDropLandsInTheAlbumAndReRunningSendsNothing() throws Exception {
        AlbumsClient alice = StackData.client("alice");
        AlbumView album = StackData.album("alice", "Engine");
        ScanResult scan = makeDrop(2, 2, 5);
        List<UploadProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        UploadReport report = engine(7, 3, 3).upload(Destination.album(alice, album.id()), scan, seen::add);
        assertThat(report.counts()).as(report.toCsv()).containsEntry(Outcome.STORED, 20).containsEntry(Outcome.SKIPPED, 1)
                .containsEntry(Outcome.FAILED, 0);
        assertThat(report.complete()).isTrue();
        assertThat(alice.studies(album.id(), null, "studyDate", 0, 50).total()).isEqualTo(2);
        UploadProgress last = seen.get(seen.size() - 1);
        assertThat(last.filesDone()).isEqualTo(20);
        assertThat(last.bytesDone()).isEqualTo(scan.bytes());
        assertThat(report.toCsv()).startsWith("file,study_instance_uid,sop_instance_uid,outcome,reason\n").contains(",stored,");
        assertThat(seen).as("a study is seen on its way").anySatisfy(p -> assertThat(p.studies())
                .anySatisfy(st -> assertThat(st.state()).isEqualTo(StudyProgress.State.SENDING)));
        assertThat(last.studies()).extracting(StudyProgress::studyInstanceUid).containsExactlyElementsOf(
                scan.studies().stream().map(ScanResult.Study::studyInstanceUid).toList());
        assertThat(last.studies()).allSatisfy(st -> {
            assertThat(st.state()).isEqualTo(StudyProgress.State.DONE);
            assertThat(st.stored()).isEqualTo(10);
            assertThat(st.sending()).isZero();
        });

        List<UploadProgress> seenAgain = new java.util.concurrent.CopyOnWriteArrayList<>();
        UploadReport again = engine(7, 3, 3).upload(Destination.album(alice, album.id()), scan, seenAgain::add);
        assertThat(again.counts()).containsEntry(Outcome.ALREADY_PRESENT, 20).containsEntry(Outcome.STORED, 0);
        assertThat(seenAgain.get(seenAgain.size() - 1).studies()).allSatisfy(st -> {
            assertThat(st.state()).isEqualTo(StudyProgress.State.DONE);
            assertThat(st.alreadyPresent()).isEqualTo(10);
        });
        assertThat(StackData.uploadedInstances("alice", album.id())).as("the second run sent nothing").isEqualTo(20);
    }

    @Test
    void aCancelledUploadResumesWithTheRestOnly() throws Exception {
        AlbumsClient alice = StackData.client("alice");
        AlbumView album = StackData.album("alice", "Resume");
        ScanResult scan = makeDrop(1, 3, 10);
        UploadEngine first = engine(3, 1, 3);
        AtomicBoolean cancelled = new AtomicBoolean();
        UploadReport partial = first.upload(Destination.album(alice, album.id()), scan, p -> {
            if (p.filesDone() >= 6 && cancelled.compareAndSet(false, true)) {
                first.cancel();
            }
        });
        int storedFirst = partial.counts().get(Outcome.STORED);
        assertThat(storedFirst).isBetween(6, 29);
        assertThat(partial.counts().get(Outcome.NOT_SENT)).isPositive();
        assertThat(partial.complete()).isFalse();

        UploadReport rest = engine(3, 2, 3).upload(Destination.album(alice, album.id()), scan, p -> { });
        assertThat(rest.counts().get(Outcome.ALREADY_PRESENT)).isGreaterThanOrEqualTo(storedFirst);
        assertThat(rest.counts().get(Outcome.ALREADY_PRESENT) + rest.counts().get(Outcome.STORED)).isEqualTo(30);
        assertThat(rest.complete()).isTrue();
        assertThat(alice.studies(album.id(), null, "studyDate", 0, 1).items().get(0).instanceCount()).isEqualTo(30);
        assertThat(StackData.uploadedInstances("alice", album.id())).as("each instance was received once or, when cut mid-batch, twice at most")
                .isBetween(30, 33);
    }

    /** Orthanc, or albums-server itself, killed in the middle of an upload and started again a little later. */
    @ParameterizedTest
    @ValueSource(strings = {"orthanc", "albums-server"})
    void aServiceKilledMidUploadThenRestartedLosesNothing(String service) throws Exception {
        AlbumsClient alice = StackData.client("alice");
        AlbumView album = StackData.album("alice", service + " restart");
        ScanResult scan = makeDrop(1, 2, 15);
        UploadEngine engine = engine(3, 1, 12);
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<UploadReport> upload = CompletableFuture.supplyAsync(() -> {
            try {
                return engine.upload(Destination.album(alice, album.id()), scan, p -> {
                    if (p.filesDone() >= 6 && stopped.compareAndSet(false, true)) {
                        Stack.kill(service);
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stopped.get() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(stopped.get()).isTrue();
        Thread.sleep(2000); // let a batch or two fail against the stopped archive
        Stack.up();
        UploadReport report = upload.get(3, TimeUnit.MINUTES);
        assertThat(report.counts()).containsEntry(Outcome.STORED, 30).containsEntry(Outcome.FAILED, 0);
        var study = alice.studies(album.id(), null, "studyDate", 0, 1).items().get(0);
        assertThat(study.instanceCount()).isEqualTo(30);
        assertThat(study.seriesCount()).isEqualTo(2);
        assertThat(StackData.uploadedInstances("alice", album.id())).as("the cut batch is sent again, nothing else").isBetween(30, 33);
    }

    /**
     * A session whose tokens live one second: each batch carries a token renewed by the real
     * OidcSession, and a token the server refuses (as an expired one is) is asked for again once.
     */
    @Test
    void tokensRenewedMidUploadAndARefusedOneRetried() throws Exception {
        AlbumView album = StackData.album("alice", "Token refresh");
        ScanResult scan = makeDrop(1, 1, 30);
        Session renewing = ShortLivedSession.of("alice");
        Set<String> tokensSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Session session = new Session() {
            @Override
            public String accessToken() throws IOException {
                if (calls.incrementAndGet() == 2) { // the first batch's (the first call asks what the album holds)
                    return "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl"; // expired long ago, and badly signed
                }
                String token = renewing.accessToken();
                tokensSeen.add(token);
                return token;
            }

            @Override
            public String username() {
                return renewing.username();
            }

            @Override
            public String displayName() {
                return renewing.displayName();
            }

            @Override
            public void logout() {
                renewing.logout();
            }
        };
        AlbumsClient alice = new AlbumsClient(HTTP, Stack.albumsUrl().toString(), session);

        UploadReport report = engine(2, 1, 3).upload(Destination.album(alice, album.id()), scan, p -> { });

        assertThat(report.counts()).containsEntry(Outcome.STORED, 30).containsEntry(Outcome.FAILED, 0);
        assertThat(tokensSeen).as("a new token for the batches as the old ones expire").hasSizeGreaterThan(5);
        assertThat(calls.get()).as("1 look at the album, 15 batches, and the refused one asked again").isEqualTo(17);
        assertThat(StackData.client("alice").studies(album.id(), null, "studyDate", 0, 1).items().get(0).instanceCount()).isEqualTo(30);
        session.logout();
    }

    @Test
    void aCorruptFileIsReportedAndTheOthersStored() throws Exception {
        AlbumsClient alice = StackData.client("alice");
        AlbumView album = StackData.album("alice", "Corrupt");
        makeDrop(1, 1, 4);
        Path victim = drop.resolve("study0/series1/IM2");
        byte[] bytes = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(bytes, 200)); // cut inside the header: the scan skips it
        Path cutInPixels = drop.resolve("study0/series1/IM3");
        byte[] whole = Files.readAllBytes(cutInPixels);
        Files.write(cutInPixels, java.util.Arrays.copyOf(whole, whole.length - 1000)); // a good header: sent, refused by the archive
        ScanResult scan = new DicomScanner().scan(List.of(drop), n -> { });
        List<UploadProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        UploadReport report = engine(10, 1, 2).upload(Destination.album(alice, album.id()), scan, seen::add);
        assertThat(report.counts()).containsEntry(Outcome.STORED, 2).containsEntry(Outcome.FAILED, 1).containsEntry(Outcome.SKIPPED, 2);
        assertThat(report.files()).anySatisfy(f -> {
            assertThat(f.path()).endsWith("IM2");
            assertThat(f.reason()).contains("truncated");
        });
        assertThat(report.files()).anySatisfy(f -> {
            assertThat(f.path()).endsWith("IM3");
            assertThat(f.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(f.reason()).isNotBlank();
        });
        StudyProgress study = seen.get(seen.size() - 1).studies().get(0);
        assertThat(study.state()).isEqualTo(StudyProgress.State.FAILED);
        assertThat(study.failed()).isEqualTo(1);
        assertThat(study.stored()).isEqualTo(2);
        assertThat(alice.studies(album.id(), null, "studyDate", 0, 1).items().get(0).instanceCount()).isEqualTo(2);
    }

    @Test
    void aBareDataSetFromACdIsSentAsAPart10FileOrthancReads() throws Exception {
        AlbumsClient alice = StackData.client("alice");
        AlbumView album = StackData.album("alice", "Bare data sets");
        makeDrop(1, 1, 3);
        // IM1 as some CD exports hold it: the data set alone, without preamble, "DICM" or file meta information
        Path bare = drop.resolve("study0/series1/IM1");
        byte[] part10 = Files.readAllBytes(bare);
        int metaLength = java.nio.ByteBuffer.wrap(part10, 140, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        Files.write(bare, java.util.Arrays.copyOfRange(part10, 144 + metaLength, part10.length));
        ScanResult scan = new DicomScanner().scan(List.of(drop), n -> { });
        assertThat(scan.files()).hasSize(3);

        UploadReport report = engine(10, 1, 2).upload(Destination.album(alice, album.id()), scan, p -> { });
        assertThat(report.counts()).containsEntry(Outcome.STORED, 3).containsEntry(Outcome.FAILED, 0);
        String sop = scan.files().stream().filter(f -> f.source().displayPath().endsWith("IM1")).findFirst().orElseThrow().header().sopInstanceUid();
        assertThat(alice.instancesInAlbum(album.id(), scan.studies().get(0).studyInstanceUid())).contains(sop);
        // Orthanc's own parser (DCMTK) read the wrapped file in the transfer syntax the data set is in
        String instance = StackData.orthancId(sop, "Instance");
        Request syntax = new Request.Builder().url(Stack.orthancUrl() + "/instances/" + instance + "/metadata/TransferSyntax")
                .header("Authorization", Stack.orthancBasicAuth()).build();
        try (Response response = HTTP.newCall(syntax).execute()) {
            assertThat(response.body().string()).isEqualTo(DicomFileWriter.EXPLICIT_VR_LITTLE_ENDIAN);
        }
    }
}
