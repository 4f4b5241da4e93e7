package org.orthancalbums.desktop.history;

import static org.orthancalbums.desktop.settings.I18n.t;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.EventView;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.Problems;

/** An album's history, newest first, one page at a time (the server pages). */
public final class HistoryModel {
    public static final int PAGE_SIZE = 20;

    private final AlbumsClient client;
    private final TaskExecutor executor;
    private final AlbumView album;
    private final ObservableList<EventView> events = FXCollections.observableArrayList();
    private final IntegerProperty offset = new SimpleIntegerProperty();
    private final LongProperty total = new SimpleLongProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringBinding pageText;
    private int generation;

    public HistoryModel(AlbumsClient client, TaskExecutor executor, AlbumView album) {
        this.client = client;
        this.executor = executor;
        this.album = album;
        pageText = Bindings.createStringBinding(() -> total.get() == 0 ? t("history.page.none")
                : t("studies.page", offset.get() + 1, Math.min(total.get(), offset.get() + PAGE_SIZE), total.get()), offset, total);
    }

    public void load() {
        int mine = ++generation;
        int from = offset.get();
        executor.execute(() -> client.events(album.id(), from, PAGE_SIZE), page -> {
            if (mine == generation) {
                total.set(page.total());
                events.setAll(page.items());
                message.set("");
            }
        }, error -> message.set(Problems.describe(t("history.failed"), error)));
    }

    /** Older events: the next page down the history. */
    public void older() {
        if (hasOlder()) {
            offset.set(offset.get() + PAGE_SIZE);
            load();
        }
    }

    public void newer() {
        if (offset.get() > 0) {
            offset.set(Math.max(0, offset.get() - PAGE_SIZE));
            load();
        }
    }

    public boolean hasOlder() {
        return offset.get() + PAGE_SIZE < total.get();
    }

    public AlbumView album() {
        return album;
    }

    public ObservableList<EventView> events() {
        return events;
    }

    public IntegerProperty offsetProperty() {
        return offset;
    }

    public LongProperty totalProperty() {
        return total;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringBinding pageTextProperty() {
        return pageText;
    }
}
