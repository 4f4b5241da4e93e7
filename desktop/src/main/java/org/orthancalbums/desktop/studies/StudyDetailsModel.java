package org.orthancalbums.desktop.studies;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.SeriesSummary;
import org.orthancalbums.core.api.StudyDetails;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.Problems;

/**
 * The details pane of one study: its facts and its series with their thumbnails (PNG bytes; the view makes the
 * images). The table row's facts show at once; the rest arrive with the study's details.
 */
public final class StudyDetailsModel {
    /** Thumbnails are asked for this many series at most: a study of 300 series should not cost 300 renderings. */
    static final int MAX_THUMBNAILS = 40;

    private final AlbumsClient client;
    private final TaskExecutor executor;
    private final ObjectProperty<StudySummary> study = new SimpleObjectProperty<>();
    private final ObjectProperty<StudyDetails> details = new SimpleObjectProperty<>();
    private final ObservableList<SeriesSummary> series = FXCollections.observableArrayList();
    private final ObservableMap<String, byte[]> thumbnails = FXCollections.observableHashMap();
    private final StringProperty message = new SimpleStringProperty(t("details.select"));
    private int generation;

    public StudyDetailsModel(AlbumsClient client, TaskExecutor executor) {
        this.client = client;
        this.executor = executor;
    }

    public void show(AlbumView album, StudySummary selected) {
        study.set(selected);
        details.set(selected == null ? null : fromRow(selected));
        series.clear();
        thumbnails.clear();
        int mine = ++generation;
        if (album == null || selected == null) {
            message.set(t("details.select"));
            return;
        }
        message.set(t("details.loading"));
        String studyUid = selected.studyInstanceUid();
        executor.execute(() -> client.details(album.id(), studyUid), loaded -> {
            if (mine == generation) {
                details.set(loaded);
                series.setAll(loaded.series());
                message.set("");
                loaded.series().stream().limit(MAX_THUMBNAILS).forEach(s -> executor.execute(
                        () -> client.seriesPreview(album.id(), studyUid, s.seriesInstanceUid()), png -> {
                            if (mine == generation) {
                                thumbnails.put(s.seriesInstanceUid(), png);
                            }
                        }, error -> { })); // a series without a picture still says what it holds
            }
        }, error -> {
            if (mine == generation) {
                message.set(Problems.describe(t("task.loadSeries"), error));
            }
        });
    }

    /** What the table row already knows, shown while the rest loads. */
    private static StudyDetails fromRow(StudySummary row) {
        return new StudyDetails(row.studyInstanceUid(), row.patientName(), row.patientId(), "", "", row.studyDate(), "", "",
                row.studyDescription(), "", "", row.modalities(), List.of());
    }

    public ObjectProperty<StudySummary> studyProperty() {
        return study;
    }

    public ObjectProperty<StudyDetails> detailsProperty() {
        return details;
    }

    public ObservableList<SeriesSummary> series() {
        return series;
    }

    /** Series Instance UID → PNG, filled in as the thumbnails arrive. */
    public ObservableMap<String, byte[]> thumbnails() {
        return thumbnails;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
