package org.orthancalbums.desktop.studies;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.main.Activity;
import org.orthancalbums.desktop.remote.AlbumsClient;

/**
 * The studies of the selected album, one page at a time: the server searches, sorts and pages, so an
 * album of thousands of studies costs one small request per page.
 */
public final class StudiesModel {
    public static final int PAGE_SIZE = 50;

    /** The orders the server offers; the table's columns map onto them. */
    public enum SortKey {
        STUDY_DATE("studyDate"), PATIENT_NAME("patientName"), PATIENT_ID("patientId"), DESCRIPTION("studyDescription");

        final String apiName;

        SortKey(String apiName) {
            this.apiName = apiName;
        }
    }

    private final AlbumsClient client;
    private final Activity activity;
    private final ObjectProperty<AlbumView> album = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<SortKey> sortKey = new SimpleObjectProperty<>(SortKey.STUDY_DATE);
    private final BooleanProperty descending = new SimpleBooleanProperty(true);
    private final IntegerProperty offset = new SimpleIntegerProperty();
    private final LongProperty total = new SimpleLongProperty();
    private final ObservableList<StudySummary> studies = FXCollections.observableArrayList();
    private final ObservableList<StudySummary> selection = FXCollections.observableArrayList();
    private final StringBinding pageText;
    /** Each load gets a number; an answer to an older load (another album, another search) is dropped. */
    private int generation;

    public StudiesModel(AlbumsClient client, Activity activity) {
        this.client = client;
        this.activity = activity;
        album.addListener((o, old, now) -> {
            if (old == null || now == null || !old.id().equals(now.id())) {
                offset.set(0);
                search.set("");
                load();
            }
        });
        pageText = Bindings.createStringBinding(() -> total.get() == 0 ? t("studies.page.none")
                : t("studies.page", offset.get() + 1, Math.min(total.get(), offset.get() + PAGE_SIZE), total.get()), offset, total);
    }

    public void load() {
        AlbumView current = album.get();
        int mine = ++generation;
        if (current == null) {
            studies.clear();
            total.set(0);
            return;
        }
        String sort = (descending.get() ? "-" : "") + sortKey.get().apiName;
        int from = offset.get();
        activity.run(t("task.loadStudies", current.name()),
                () -> client.studies(current.id(), search.get(), sort, from, PAGE_SIZE), page -> {
                    if (mine == generation) {
                        total.set(page.total());
                        studies.setAll(page.items());
                    }
                }, this::load);
    }

    public void searchFor(String text) {
        search.set(text == null ? "" : text.strip());
        offset.set(0);
        load();
    }

    public void sortBy(SortKey key, boolean isDescending) {
        sortKey.set(key);
        descending.set(isDescending);
        offset.set(0);
        load();
    }

    public void nextPage() {
        if (offset.get() + PAGE_SIZE < total.get()) {
            offset.set(offset.get() + PAGE_SIZE);
            load();
        }
    }

    public void previousPage() {
        if (offset.get() > 0) {
            offset.set(Math.max(0, offset.get() - PAGE_SIZE));
            load();
        }
    }

    /** Removes the selected studies from the album (they stay in the archive and in other albums). */
    public void removeSelected(Runnable afterwards) {
        AlbumView from = album.get();
        List<StudySummary> chosen = List.copyOf(selection);
        if (from == null || chosen.isEmpty()) {
            return;
        }
        activity.run(t("task.removeStudies", from.name()), () -> {
            for (StudySummary study : chosen) {
                client.removeStudy(from.id(), study.studyInstanceUid());
            }
            return chosen.size();
        }, removed -> {
            load();
            afterwards.run();
        }, () -> removeSelected(afterwards));
    }

    /** Adds the selected studies to another album the user can contribute to. */
    public void addSelectedTo(AlbumView target, Runnable afterwards) {
        List<StudySummary> chosen = List.copyOf(selection);
        if (chosen.isEmpty()) {
            return;
        }
        activity.run(t("task.addStudies", target.name()), () -> {
            for (StudySummary study : chosen) {
                client.addStudy(target.id(), study.studyInstanceUid());
            }
            return chosen.size();
        }, added -> afterwards.run(), () -> addSelectedTo(target, afterwards));
    }

    public boolean hasNextPage() {
        return offset.get() + PAGE_SIZE < total.get();
    }

    public ObjectProperty<AlbumView> albumProperty() {
        return album;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<SortKey> sortKeyProperty() {
        return sortKey;
    }

    public BooleanProperty descendingProperty() {
        return descending;
    }

    public IntegerProperty offsetProperty() {
        return offset;
    }

    public LongProperty totalProperty() {
        return total;
    }

    public ObservableList<StudySummary> studies() {
        return studies;
    }

    public ObservableList<StudySummary> selection() {
        return selection;
    }

    public StringBinding pageTextProperty() {
        return pageText;
    }
}
