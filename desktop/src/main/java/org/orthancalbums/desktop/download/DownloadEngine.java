package org.orthancalbums.desktop.download;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.orthancalbums.core.api.Page;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.download.DownloadReport.FileResult;
import org.orthancalbums.desktop.download.DownloadReport.Outcome;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.Problems;
import org.orthancalbums.desktop.remote.ApiError;

/**
 * Downloads a study or a whole album through albums-server (so the album's rules hold) into a
 * patient / study / series tree of DICOM files, or into one ZIP file. Each file streams from the
 * server to the disk through a small buffer: no study, no file is ever held in memory. Run again
 * after a cancel, a crash or a lost connection, it fetches only what is missing: a file in the tree
 * is written under a ".part" name and renamed once complete, so a file with its final name and size
 * is whole; an unfinished ZIP is kept as ".zip.part" and its complete entries are carried over.
 * No JavaFX here: progress goes to a callback, the model shows it.
 */
public final class DownloadEngine {
    public enum Format { FOLDERS, ZIP }

    private static final int BUFFER = 64 * 1024;
    private static final int STUDIES_PAGE = 200;
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final AlbumsClient client;
    private volatile boolean cancelled;

    public DownloadEngine(AlbumsClient client) {
        this.client = client;
    }

    /** Stops the run as soon as possible; what was fetched stays, and a new run goes on from there. */
    public void cancel() {
        cancelled = true;
    }

    /** The ZIP file a download of {@code request} as {@link Format#ZIP} writes into {@code folder}. */
    public static Path zipFile(DownloadRequest request, Path folder) {
        return folder.resolve(request.zipName() + ".zip");
    }

    public DownloadReport download(DownloadRequest request, Path folder, Format format, Consumer<DownloadProgress> progress)
            throws IOException {
        cancelled = false;
        List<FileResult> failedStudies = new ArrayList<>();
        List<PlannedFile> plan = plan(request, failedStudies, progress);
        Run run = new Run(request.album().id(), plan, progress);
        run.results.addAll(failedStudies);
        Files.createDirectories(folder);
        if (plan.isEmpty() && cancelled) {
            run.goesOn();
        }
        if (format == Format.ZIP) {
            return zip(run, zipFile(request, folder));
        }
        for (PlannedFile file : plan) {
            if (!run.goesOn()) {
                run.add(file, Outcome.NOT_FETCHED, "");
            } else {
                toFolder(run, file, folder.resolve(file.path()));
            }
        }
        return run.report(folder);
    }

    /** Every file to fetch, study by study; a study that went away meanwhile is reported, the others go on. */
    private List<PlannedFile> plan(DownloadRequest request, List<FileResult> failed, Consumer<DownloadProgress> progress) throws IOException {
        List<StudySummary> studies = new ArrayList<>();
        if (request.wholeAlbum()) {
            for (int offset = 0; ; offset += STUDIES_PAGE) {
                Page<StudySummary> page = client.studies(request.album().id(), null, "patientName", offset, STUDIES_PAGE);
                studies.addAll(page.items());
                if (page.items().isEmpty() || studies.size() >= page.total()) {
                    break;
                }
            }
        } else {
            studies.add(request.study());
        }
        DownloadLayout layout = new DownloadLayout();
        List<PlannedFile> plan = new ArrayList<>();
        for (int i = 0; i < studies.size() && !cancelled; i++) {
            progress.accept(new DownloadProgress(true, i, studies.size(), 0, 0, 0, 0, 0, null));
            StudySummary study = studies.get(i);
            try {
                plan.addAll(layout.plan(study, client.series(request.album().id(), study.studyInstanceUid()),
                        client.files(request.album().id(), study.studyInstanceUid())));
            } catch (ApiError e) {
                failed.add(new FileResult(DownloadRequest.label(study), study.studyInstanceUid(), "", 0, Outcome.FAILED, Problems.reason(e)));
            }
        }
        return plan;
    }

    private void toFolder(Run run, PlannedFile file, Path target) {
        try {
            if (Files.isRegularFile(target) && Files.size(target) == file.size()) {
                run.add(file, Outcome.ALREADY_THERE, "");
                return;
            }
            Files.createDirectories(target.getParent());
            Path part = target.resolveSibling(target.getFileName() + ".part");
            long written;
            try (InputStream in = client.file(run.albumId, file.studyInstanceUid(), file.sopInstanceUid());
                 OutputStream out = Files.newOutputStream(part)) {
                written = run.copy(in, out);
            } catch (IOException | Cancelled e) {
                Files.deleteIfExists(part);
                throw e;
            }
            if (written != file.size()) {
                Files.deleteIfExists(part);
                run.add(file, Outcome.FAILED, t("download.shortFile", written, file.size()));
                return;
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            run.add(file, Outcome.FETCHED, "");
        } catch (ApiError e) {
            run.add(file, Outcome.FAILED, Problems.reason(e));
        } catch (Cancelled e) {
            run.cancelled(file);
        } catch (IOException e) {
            run.failed(file, e);
        }
    }

    private DownloadReport zip(Run run, Path zipFile) throws IOException {
        Path part = zipFile.resolveSibling(zipFile.getFileName() + ".part");
        Path salvage = zipFile.resolveSibling(zipFile.getFileName() + ".salvage");
        if (!Files.exists(salvage)) {
            if (Files.exists(part)) {
                Files.move(part, salvage);
            } else if (Files.exists(zipFile)) {
                Files.move(zipFile, salvage);
            }
        }
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(part), BUFFER))) {
            zip.setLevel(Deflater.BEST_SPEED);
            Set<String> carried = Files.exists(salvage) ? carryOver(salvage, zip, run.plan) : Set.of();
            Files.deleteIfExists(salvage);
            for (PlannedFile file : run.plan) {
                if (!run.goesOn()) {
                    run.add(file, Outcome.NOT_FETCHED, "");
                } else if (carried.contains(file.path())) {
                    run.add(file, Outcome.ALREADY_THERE, "");
                } else {
                    toZip(run, file, zip);
                }
            }
        }
        DownloadReport report = run.report(zipFile);
        if (report.complete()) {
            Files.move(part, zipFile, StandardCopyOption.REPLACE_EXISTING);
        }
        return report;
    }

    private void toZip(Run run, PlannedFile file, ZipOutputStream zip) throws IOException {
        InputStream in;
        try {
            in = client.file(run.albumId, file.studyInstanceUid(), file.sopInstanceUid());
        } catch (ApiError e) {
            run.add(file, Outcome.FAILED, Problems.reason(e));
            return;
        } catch (IOException e) {
            run.failed(file, e);
            return;
        }
        // an entry cut short (cancel, lost connection) stays in the .part file with fewer bytes than
        // listed: the next run does not carry it over, and fetches that file again
        zip.putNextEntry(new ZipEntry(file.path()));
        try (in) {
            long written = run.copy(in, zip);
            zip.closeEntry();
            if (written == file.size()) {
                run.add(file, Outcome.FETCHED, "");
            } else {
                run.failed(file, new IOException("the server sent " + written + " of " + file.size() + " bytes"));
            }
        } catch (Cancelled e) {
            zip.closeEntry();
            run.cancelled(file);
        } catch (IOException e) {
            zip.closeEntry();
            run.failed(file, e);
        }
    }

    /**
     * Copies the complete entries of an earlier, unfinished ZIP into the new one: those named in the
     * plan, whole (ZipInputStream checks each entry's CRC) and of the listed size. Each goes through
     * a temporary file first, so that an entry cut off at the end is never half copied.
     */
    private static Set<String> carryOver(Path salvage, ZipOutputStream zip, List<PlannedFile> plan) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        plan.forEach(f -> sizes.put(f.path(), f.size()));
        Set<String> carried = new HashSet<>();
        Path entryFile = salvage.resolveSibling("." + salvage.getFileName() + ".entry");
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(salvage), BUFFER))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Long size = sizes.get(entry.getName());
                if (size == null || carried.contains(entry.getName())) {
                    continue;
                }
                if (Files.copy(in, entryFile, StandardCopyOption.REPLACE_EXISTING) != size) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                Files.copy(entryFile, zip);
                zip.closeEntry();
                carried.add(entry.getName());
            }
        } catch (EOFException | ZipException e) {
            // the interruption cut the file here: what follows is fetched again
        } finally {
            Files.deleteIfExists(entryFile);
        }
        return carried;
    }

    /** Thrown inside a copy when the user cancels. */
    private static final class Cancelled extends Exception {
    }

    /** One run's bookkeeping: results, totals, rate, progress reports (not more than ten a second). */
    private final class Run {
        final String albumId;
        final List<PlannedFile> plan;
        final Consumer<DownloadProgress> progress;
        final List<FileResult> results = new ArrayList<>();
        final long bytesTotal;
        final long started = System.nanoTime();
        long bytesDone;
        long bytesFetched;
        int filesDone;
        long lastReport;
        boolean wasCancelled;
        IOException failure;

        Run(String albumId, List<PlannedFile> plan, Consumer<DownloadProgress> progress) {
            this.albumId = albumId;
            this.plan = plan;
            this.progress = progress;
            this.bytesTotal = plan.stream().mapToLong(PlannedFile::size).sum();
            report(true);
        }

        long copy(InputStream in, OutputStream out) throws IOException, Cancelled {
            byte[] buffer = new byte[BUFFER];
            long written = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (cancelled) {
                    throw new Cancelled();
                }
                out.write(buffer, 0, n);
                written += n;
                bytesDone += n;
                bytesFetched += n;
                report(false);
            }
            return written;
        }

        void add(PlannedFile file, Outcome outcome, String reason) {
            results.add(new FileResult(file.path(), file.studyInstanceUid(), file.sopInstanceUid(), file.size(), outcome, reason));
            if (outcome == Outcome.ALREADY_THERE) {
                bytesDone += file.size();
            }
            if (outcome == Outcome.FETCHED || outcome == Outcome.ALREADY_THERE) {
                filesDone++;
            }
            report(false);
        }

        /** False once the run stopped: cancelled (now or while listing), or failed. */
        boolean goesOn() {
            wasCancelled |= cancelled;
            return !wasCancelled && failure == null;
        }

        void cancelled(PlannedFile file) {
            wasCancelled = true;
            add(file, Outcome.NOT_FETCHED, "");
        }

        /** The connection or the session failed: the run stops, the next one goes on from here. */
        void failed(PlannedFile file, IOException error) {
            failure = error;
            add(file, Outcome.NOT_FETCHED, "");
        }

        void report(boolean now) {
            long time = System.nanoTime();
            if (!now && time - lastReport < PROGRESS_EVERY_NANOS && filesDone < plan.size()) {
                return;
            }
            lastReport = time;
            double seconds = (time - started) / 1e9;
            double rate = seconds > 0.5 ? bytesFetched / seconds : 0;
            Duration remaining = rate > 0 ? Duration.ofSeconds((long) ((bytesTotal - bytesDone) / rate)) : null;
            progress.accept(new DownloadProgress(false, 0, 0, filesDone, plan.size(), bytesDone, bytesTotal, rate, remaining));
        }

        DownloadReport report(Path target) {
            report(true);
            return new DownloadReport(target, results, wasCancelled, failure);
        }
    }
}
