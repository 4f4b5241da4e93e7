package org.orthancalbums.desktop.settings;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.orthancalbums.desktop.background.TaskExecutor;

/** The Settings window's state: which 3D Slicer to start (empty: the newest found) and how long its link lives. */
public final class SettingsModel {
    public static final int MAX_VIEW_LINK_HOURS = 24;

    private final AppSettings settings;
    private final TaskExecutor executor;
    private final Supplier<Optional<Path>> findSlicer;
    private final StringProperty slicerExecutable = new SimpleStringProperty();
    private final StringProperty found = new SimpleStringProperty("");
    private final IntegerProperty viewLinkHours = new SimpleIntegerProperty();

    /** {@code findSlicer}: the Slicer the app would start when none is chosen (looks at the disk). */
    public SettingsModel(AppSettings settings, TaskExecutor executor, Supplier<Optional<Path>> findSlicer) {
        this.settings = settings;
        this.executor = executor;
        this.findSlicer = findSlicer;
        slicerExecutable.set(settings.slicerExecutable());
        viewLinkHours.set(settings.viewLinkHours());
    }

    /** Looks for 3D Slicer in the usual places, to say what an empty choice means. */
    public void detect() {
        found.set(t("settings.slicer.looking"));
        executor.execute(findSlicer::get, slicer -> found.set(slicer.map(p -> t("settings.slicer.found", p))
                .orElse(t("settings.slicer.notFound"))), error -> found.set(t("settings.slicer.notFound")));
    }

    public void save() {
        settings.setSlicerExecutable(slicerExecutable.get() == null ? "" : slicerExecutable.get().strip());
        settings.setViewLinkHours(Math.max(1, Math.min(MAX_VIEW_LINK_HOURS, viewLinkHours.get())));
    }

    public StringProperty slicerExecutableProperty() {
        return slicerExecutable;
    }

    public StringProperty foundProperty() {
        return found;
    }

    public IntegerProperty viewLinkHoursProperty() {
        return viewLinkHours;
    }
}
