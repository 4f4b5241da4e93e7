package org.orthancalbums.desktop.albums;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.desktop.main.Activity;
import org.orthancalbums.desktop.remote.AlbumsClient;

/** The user's albums: the list, the filter, the selection, and what the user may do with the selected one. */
public final class AlbumsModel {
    private final AlbumsClient client;
    private final Activity activity;

    private final ObservableList<AlbumView> albums = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final FilteredList<AlbumView> visible = new FilteredList<>(albums);
    private final ObjectProperty<AlbumView> selected = new SimpleObjectProperty<>();
    private final boolean canCreate;
    private final StringProperty leaveRefusal = new SimpleStringProperty(t("album.selectFirst"));

    public AlbumsModel(AlbumsClient client, Activity activity, boolean canCreate) {
        this.client = client;
        this.activity = activity;
        this.canCreate = canCreate;
        filter.addListener((o, old, text) -> {
            String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            visible.setPredicate(a -> needle.isEmpty() || a.name().toLowerCase(Locale.ROOT).contains(needle)
                    || a.description().toLowerCase(Locale.ROOT).contains(needle));
        });
        selected.addListener((o, old, album) -> checkLeave(album));
    }

    /**
     * Why the user may not leave the selected album, empty when they may: the server refuses to let
     * the only owner go, so the button says so before it is pressed. An owner among several members
     * needs the member list to know.
     */
    private void checkLeave(AlbumView album) {
        if (album == null) {
            leaveRefusal.set(t("album.selectFirst"));
        } else if (album.role() != AlbumRole.OWNER) {
            leaveRefusal.set("");
        } else if (album.memberCount() <= 1) {
            leaveRefusal.set(t("album.leave.onlyOwner"));
        } else {
            leaveRefusal.set(t("details.loading"));
            activity.run(t("task.loadMembers", album.name()),
                    () -> client.members(album.id()).stream().filter(m -> m.role() == AlbumRole.OWNER).count(), owners -> {
                        if (selected.get() != null && selected.get().id().equals(album.id())) {
                            leaveRefusal.set(owners <= 1 ? t("album.leave.onlyOwner") : "");
                        }
                    }, () -> checkLeave(album));
        }
    }

    /** Why "Leave" is disabled for the selected album; empty when the user may leave it. */
    public StringProperty leaveRefusalProperty() {
        return leaveRefusal;
    }

    /** Reloads the list and keeps the same album selected when it still exists. */
    public void refresh() {
        String keep = selected.get() == null ? null : selected.get().id();
        activity.run(t("task.loadAlbums"), client::albums, list -> {
            albums.setAll(list.stream().sorted(Comparator.comparing(AlbumView::name, String.CASE_INSENSITIVE_ORDER)).toList());
            select(keep);
        }, this::refresh);
    }

    public void create(String name, String description) {
        activity.run(t("task.createAlbum"), () -> client.createAlbum(name, description), created -> {
            albums.add(created);
            FXCollections.sort(albums, Comparator.comparing(AlbumView::name, String.CASE_INSENSITIVE_ORDER));
            selected.set(created);
        }, () -> create(name, description));
    }

    public void update(AlbumView album, String name, String description) {
        activity.run(t("task.saveAlbum"), () -> client.updateAlbum(album.id(), name, description), this::replace,
                () -> update(album, name, description));
    }

    public void delete(AlbumView album) {
        activity.run(t("task.deleteAlbum"), () -> {
            client.deleteAlbum(album.id());
            return album;
        }, this::remove, () -> delete(album));
    }

    /** Leaving is removing oneself from the members. */
    public void leave(AlbumView album, String myUserId) {
        activity.run(t("task.leaveAlbum"), () -> {
            client.removeMember(album.id(), myUserId);
            return album;
        }, this::remove, () -> leave(album, myUserId));
    }

    /** Puts a fresher copy of an album (e.g. a new study count) in place. */
    public void replace(AlbumView album) {
        for (int i = 0; i < albums.size(); i++) {
            if (albums.get(i).id().equals(album.id())) {
                albums.set(i, album);
            }
        }
        if (selected.get() != null && selected.get().id().equals(album.id())) {
            selected.set(album);
        }
    }

    private void remove(AlbumView album) {
        albums.removeIf(a -> a.id().equals(album.id()));
        if (selected.get() != null && selected.get().id().equals(album.id())) {
            selected.set(visible.isEmpty() ? null : visible.get(0));
        }
    }

    private void select(String albumId) {
        AlbumView match = albumId == null ? null
                : albums.stream().filter(a -> a.id().equals(albumId)).findFirst().orElse(null);
        selected.set(match != null ? match : visible.isEmpty() ? null : visible.get(0));
    }

    /** True when the selected album's role allows the action. */
    public BooleanBinding allows(AlbumAction action) {
        return Bindings.createBooleanBinding(() -> selected.get() != null && action.allowedFor(selected.get().role()), selected);
    }

    /** Why an action is not allowed, for a tooltip; empty when it is. */
    public StringProperty whyNot(AlbumAction action) {
        StringProperty reason = new SimpleStringProperty();
        Consumer<AlbumView> update = album -> reason.set(album == null ? t("album.selectFirst")
                : action.allowedFor(album.role()) ? "" : t("album.whyNot", t("role." + album.role().name()), t("action." + action.name())));
        update.accept(selected.get());
        selected.addListener((o, old, album) -> update.accept(album));
        return reason;
    }

    public ObservableList<AlbumView> visibleAlbums() {
        return visible;
    }

    public List<AlbumView> all() {
        return List.copyOf(albums);
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<AlbumView> selectedProperty() {
        return selected;
    }

    public boolean canCreate() {
        return canCreate;
    }
}
