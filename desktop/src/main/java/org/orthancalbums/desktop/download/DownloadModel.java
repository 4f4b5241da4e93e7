package org.orthancalbums.desktop.download;

import static org.orthancalbums.desktop.Quantities.duration;
import static org.orthancalbums.desktop.Quantities.megabytes;
import static org.orthancalbums.desktop.settings.I18n.t;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.download.DownloadReport.Outcome;
import org.orthancalbums.desktop.remote.Problems;
import org.orthancalbums.desktop.settings.AppSettings;

/**
 * One download, from the choice of folder and form to the report: progress while it runs, cancel,
 * and Resume (or Download again later), which fetches only what is not there yet.
 */
public final class DownloadModel {
    public enum Stage { CHOOSING, RUNNING, STOPPED, DONE }

    private static final int FAILURES_SHOWN = 5;

    private final TaskExecutor executor;
    private final Supplier<DownloadEngine> engines;
    private final AppSettings settings;
    private final DownloadRequest request;
    private final StringProperty folder = new SimpleStringProperty();
    private final BooleanProperty zip = new SimpleBooleanProperty();
    private final ObjectProperty<Stage> stage = new SimpleObjectProperty<>(Stage.CHOOSING);
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty progressText = new SimpleStringProperty("");
    private final ObjectProperty<DownloadReport> report = new SimpleObjectProperty<>();
    private final StringProperty reportText = new SimpleStringProperty("");
    private DownloadEngine engine;

    public DownloadModel(TaskExecutor executor, Supplier<DownloadEngine> engines, AppSettings settings, DownloadRequest request) {
        this.executor = executor;
        this.engines = engines;
        this.settings = settings;
        this.request = request;
        folder.set(settings.downloadFolder().isEmpty() ? System.getProperty("user.home") : settings.downloadFolder());
        zip.set(settings.downloadAsZip());
    }

    public boolean canStart() {
        return (stage.get() == Stage.CHOOSING || stage.get() == Stage.STOPPED) && folder.get() != null && !folder.get().isBlank();
    }

    /** Starts, or goes on after a stop: files already there are not fetched again. */
    public void start() {
        if (!canStart()) {
            return;
        }
        Path target = Path.of(folder.get().strip());
        settings.setDownloadFolder(target.toString());
        settings.setDownloadAsZip(zip.get());
        DownloadEngine.Format format = zip.get() ? DownloadEngine.Format.ZIP : DownloadEngine.Format.FOLDERS;
        engine = engines.get();
        report.set(null);
        reportText.set("");
        progress.set(-1);
        progressText.set(t("download.starting"));
        stage.set(Stage.RUNNING);
        executor.execute(() -> engine.download(request, target, format, p -> executor.onUi(() -> show(p))), done -> {
            report.set(done);
            reportText.set(describe(done));
            if (done.complete()) {
                progress.set(1);
                progressText.set(t("download.finished", done.files().size(), megabytes(bytes(done))));
            }
            stage.set(done.complete() ? Stage.DONE : Stage.STOPPED);
        }, error -> {
            progressText.set(Problems.describe(t("download.failed"), error));
            stage.set(Stage.STOPPED);
        });
    }

    public void cancel() {
        if (engine != null && stage.get() == Stage.RUNNING) {
            engine.cancel();
        }
    }

    private void show(DownloadProgress p) {
        progress.set(p.fraction());
        progressText.set(p.listing() ? t("download.listing", p.studiesListed(), p.studiesTotal())
                : t("download.progress", p.filesDone(), p.filesTotal(), megabytes(p.bytesDone()), megabytes(p.bytesTotal()),
                        megabytes((long) p.bytesPerSecond()), p.remaining() == null ? "…" : duration(p.remaining().toSeconds())));
    }

    private static long bytes(DownloadReport done) {
        return done.files().stream().mapToLong(DownloadReport.FileResult::size).sum();
    }

    private static String describe(DownloadReport done) {
        var c = done.counts();
        StringBuilder text = new StringBuilder(t("download.report", c.get(Outcome.FETCHED), c.get(Outcome.ALREADY_THERE),
                c.get(Outcome.FAILED), c.get(Outcome.NOT_FETCHED), done.target()));
        if (done.cancelled()) {
            text.append('\n').append(t("download.cancelled"));
        } else if (done.failure() != null) {
            text.append('\n').append(Problems.describe(t("download.failed"), done.failure())).append(' ').append(t("download.resumeHint"));
        }
        done.files().stream().filter(f -> f.outcome() == Outcome.FAILED).limit(FAILURES_SHOWN)
                .forEach(f -> text.append('\n').append(t("download.failedFile", f.path(), f.reason())));
        return text.toString();
    }

    public DownloadRequest request() {
        return request;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public BooleanProperty zipProperty() {
        return zip;
    }

    public ObjectProperty<Stage> stageProperty() {
        return stage;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public ObjectProperty<DownloadReport> reportProperty() {
        return report;
    }

    public StringProperty reportTextProperty() {
        return reportText;
    }
}
