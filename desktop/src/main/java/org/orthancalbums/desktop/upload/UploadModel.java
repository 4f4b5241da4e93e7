package org.orthancalbums.desktop.upload;

import static org.orthancalbums.desktop.Quantities.duration;
import static org.orthancalbums.desktop.Quantities.megabytes;
import static org.orthancalbums.desktop.settings.I18n.t;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.scan.DicomScanner;
import org.orthancalbums.core.scan.ScanResult;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.remote.Problems;

/**
 * One drop, from scan to report: scan in the background, preview what was found, send to the chosen
 * album with progress a person can trust (totals and each study's state), pause and resume (the
 * engine then sends only what the album lacks), cancel, and a per-file report at the end.
 */
public final class UploadModel {
    public enum Stage { SCANNING, PREVIEW, UPLOADING, PAUSED, DONE }

    private final TaskExecutor executor;
    private final Supplier<UploadEngine> engines;
    private final java.util.function.Function<AlbumView, Destination> destinations;
    private final Runnable onStored;
    private final ObjectProperty<Stage> stage = new SimpleObjectProperty<>(Stage.SCANNING);
    private final ObservableList<ScanResult.Study> studies = FXCollections.observableArrayList();
    private final ObservableList<AlbumView> albums = FXCollections.observableArrayList();
    private final ObjectProperty<AlbumView> album = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final LongProperty scanned = new SimpleLongProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty progressText = new SimpleStringProperty("");
    private final ObjectProperty<UploadReport> report = new SimpleObjectProperty<>();
    private final StringProperty reportText = new SimpleStringProperty("");
    /** Study Instance UID → what is happening to it, in words; empty before sending. */
    private final ObservableMap<String, String> studyStatus = FXCollections.observableHashMap();
    private final DicomScanner scanner = new DicomScanner();
    /** SOP Instance UIDs the album held before the first run of this drop; null until that run ends. */
    private Set<String> inAlbumBefore;
    private ScanResult scan;
    private UploadEngine engine;
    private boolean pausing;
    private UploadProgress lastProgress;
    private UploadReport lastRun;

    /** {@code onStored} runs when something was stored: the album and its studies refresh themselves. */
    public UploadModel(TaskExecutor executor, Supplier<UploadEngine> engines, java.util.function.Function<AlbumView, Destination> destinations,
                       List<AlbumView> myAlbums, AlbumView droppedOn, Runnable onStored) {
        this.executor = executor;
        this.engines = engines;
        this.destinations = destinations;
        this.onStored = onStored;
        albums.setAll(myAlbums.stream().filter(a -> AlbumAction.UPLOAD.allowedFor(a.role())).toList());
        album.set(droppedOn != null && AlbumAction.UPLOAD.allowedFor(droppedOn.role()) ? droppedOn : null);
    }

    public void scan(List<Path> dropped) {
        stage.set(Stage.SCANNING);
        executor.execute(() -> scanner.scan(dropped, n -> executor.onUi(() -> scanned.set(n))), result -> {
            scan = result;
            studies.setAll(result.studies());
            summary.set(describe(result));
            stage.set(Stage.PREVIEW);
        }, error -> {
            summary.set(Problems.describe(t("upload.scanFailed"), error));
            stage.set(Stage.PREVIEW);
        });
    }

    public boolean canStart() {
        return stage.get() == Stage.PREVIEW && album.get() != null && scan != null && !scan.files().isEmpty();
    }

    public void start() {
        if (canStart()) {
            send();
        }
    }

    /** Stops sending but keeps the drop: {@link #resume()} then sends what the album does not have yet. */
    public void pause() {
        if (stage.get() == Stage.UPLOADING && engine != null) {
            pausing = true;
            engine.cancel();
        }
    }

    public void resume() {
        if (stage.get() == Stage.PAUSED) {
            send();
        }
    }

    /** While scanning or sending: stop now and report; while paused: end with the report of what was done. */
    public void cancel() {
        scanner.cancel();
        pausing = false;
        if (stage.get() == Stage.PAUSED) {
            finish(lastRun);
        } else if (engine != null) {
            engine.cancel();
        }
    }

    private void send() {
        AlbumView target = album.get();
        engine = engines.get();
        pausing = false;
        stage.set(Stage.UPLOADING);
        progressText.set(t("upload.starting"));
        executor.execute(() -> engine.upload(destinations.apply(target), scan, p -> executor.onUi(() -> show(p))), done -> {
            if (inAlbumBefore == null) {
                inAlbumBefore = done.files().stream().filter(f -> f.outcome() == UploadReport.Outcome.ALREADY_PRESENT)
                        .map(UploadReport.FileResult::sopInstanceUid).collect(Collectors.toSet());
            }
            lastRun = done.resuming(inAlbumBefore);
            if (lastRun.counts().get(UploadReport.Outcome.STORED) > 0) {
                onStored.run();
            }
            if (pausing && !done.complete()) {
                stage.set(Stage.PAUSED);
                showStudies(lastProgress, true);
                int inAlbum = lastRun.counts().get(UploadReport.Outcome.STORED) + lastRun.counts().get(UploadReport.Outcome.ALREADY_PRESENT);
                progressText.set(t("upload.paused", inAlbum, scan.files().size()));
            } else {
                finish(lastRun);
            }
        }, error -> {
            progressText.set(Problems.describe(t("upload.failed"), error));
            // after a pause, what earlier runs stored is kept: Resume tries again, Cancel gives their report
            stage.set(lastRun != null ? Stage.PAUSED : Stage.DONE);
        });
    }

    private void finish(UploadReport done) {
        report.set(done);
        reportText.set(describe(done));
        progress.set(1);
        showStudies(lastProgress, true);
        stage.set(Stage.DONE);
    }

    private void show(UploadProgress p) {
        lastProgress = p;
        progress.set(p.fraction());
        progressText.set(t("upload.progress", p.filesDone(), p.filesTotal(), megabytes(p.bytesDone()), megabytes(p.bytesTotal()),
                megabytes((long) p.bytesPerSecond()), p.remaining() == null ? "…" : duration(p.remaining().toSeconds())));
        showStudies(p, false);
    }

    /** {@code stopped}: nothing is on the wire any more, so a study not finished is stopped, not waiting. */
    private void showStudies(UploadProgress p, boolean stopped) {
        if (p == null) {
            return;
        }
        for (StudyProgress study : p.studies()) {
            String text = switch (study.state()) {
                case DONE -> t("upload.study.done");
                case FAILED -> t("upload.study.failed", study.failed(), study.inAlbum(), study.files());
                case SENDING, WAITING -> stopped ? t("upload.study.stopped", study.inAlbum(), study.files())
                        : study.state() == StudyProgress.State.WAITING ? t("upload.study.waiting")
                        : t("upload.study.sending", study.inAlbum(), study.files());
            };
            studyStatus.put(study.studyInstanceUid(), text);
        }
    }

    private static String describe(ScanResult result) {
        Map<String, Integer> reasons = new TreeMap<>();
        result.skipped().forEach(s -> reasons.merge(t("scan.why." + s.why().name()), 1, Integer::sum));
        StringBuilder text = new StringBuilder(t("upload.found", result.files().size(), result.studies().size(), megabytes(result.bytes())));
        if (!reasons.isEmpty()) {
            text.append(' ').append(t("upload.skipped", result.skipped().size()));
            reasons.forEach((reason, count) -> text.append(' ').append(count).append(" × ").append(reason).append(';'));
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }

    private static String describe(UploadReport done) {
        Map<UploadReport.Outcome, Integer> c = done.counts();
        return t("upload.report", c.get(UploadReport.Outcome.STORED), c.get(UploadReport.Outcome.ALREADY_PRESENT),
                c.get(UploadReport.Outcome.FAILED), c.get(UploadReport.Outcome.SKIPPED), c.get(UploadReport.Outcome.NOT_SENT));
    }

    public ObjectProperty<Stage> stageProperty() {
        return stage;
    }

    public ObservableList<ScanResult.Study> studies() {
        return studies;
    }

    public ObservableMap<String, String> studyStatus() {
        return studyStatus;
    }

    public ObservableList<AlbumView> albums() {
        return albums;
    }

    public ObjectProperty<AlbumView> albumProperty() {
        return album;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public LongProperty scannedProperty() {
        return scanned;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public ObjectProperty<UploadReport> reportProperty() {
        return report;
    }

    public StringProperty reportTextProperty() {
        return reportText;
    }
}
