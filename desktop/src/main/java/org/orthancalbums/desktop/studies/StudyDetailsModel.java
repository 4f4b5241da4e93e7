package org.orthancalbums.desktop.studies;

import static org.orthancalbums.desktop.settings.I18n.t;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.SeriesSummary;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.Problems;

/** The details pane of one study: its series and a rendered preview (PNG bytes; the view makes the image). */
public final class StudyDetailsModel {
    private final AlbumsClient client;
    private final TaskExecutor executor;
    private final ObjectProperty<StudySummary> study = new SimpleObjectProperty<>();
    private final ObservableList<SeriesSummary> series = FXCollections.observableArrayList();
    private final ObjectProperty<byte[]> preview = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty(t("details.select"));
    private int generation;

    public StudyDetailsModel(AlbumsClient client, TaskExecutor executor) {
        this.client = client;
        this.executor = executor;
    }

    public void show(AlbumView album, StudySummary selected) {
        study.set(selected);
        series.clear();
        preview.set(null);
        int mine = ++generation;
        if (album == null || selected == null) {
            message.set(t("details.select"));
            return;
        }
        message.set(t("details.loading"));
        executor.execute(() -> client.series(album.id(), selected.studyInstanceUid()), list -> {
            if (mine == generation) {
                series.setAll(list);
                message.set("");
            }
        }, error -> {
            if (mine == generation) {
                message.set(Problems.describe(t("task.loadSeries"), error));
            }
        });
        executor.execute(() -> client.preview(album.id(), selected.studyInstanceUid()), png -> {
            if (mine == generation) {
                preview.set(png);
            }
        }, error -> { }); // no preview is no problem: the series list says what matters
    }

    public ObjectProperty<StudySummary> studyProperty() {
        return study;
    }

    public ObservableList<SeriesSummary> series() {
        return series;
    }

    public ObjectProperty<byte[]> previewProperty() {
        return preview;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
