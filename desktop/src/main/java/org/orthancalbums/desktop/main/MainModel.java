package org.orthancalbums.desktop.main;

import org.orthancalbums.core.api.Me;
import org.orthancalbums.desktop.albums.AlbumsModel;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.studies.StudiesModel;
import org.orthancalbums.desktop.studies.StudyDetailsModel;

/** The logged-in window's state: who I am, my albums, the selected album's studies, the selected study. */
public final class MainModel {
    private final Me me;
    private final Activity activity;
    private final AlbumsModel albums;
    private final StudiesModel studies;
    private final StudyDetailsModel details;

    public MainModel(Me me, AlbumsClient client, TaskExecutor executor) {
        this.me = me;
        this.activity = new Activity(executor);
        this.albums = new AlbumsModel(client, activity, me.canCreateAlbums());
        this.studies = new StudiesModel(client, activity);
        this.details = new StudyDetailsModel(client, executor);
        studies.albumProperty().bind(albums.selectedProperty());
        studies.selection().addListener((javafx.collections.ListChangeListener<Object>) c ->
                details.show(albums.selectedProperty().get(), studies.selection().size() == 1 ? studies.selection().get(0) : null));
    }

    public void start() {
        albums.refresh();
    }

    /** After studies were added or removed: counts and the table follow without a manual refresh. */
    public void studiesChanged() {
        studies.load();
        albums.refresh();
    }

    public Me me() {
        return me;
    }

    public Activity activity() {
        return activity;
    }

    public AlbumsModel albums() {
        return albums;
    }

    public StudiesModel studies() {
        return studies;
    }

    public StudyDetailsModel details() {
        return details;
    }
}
