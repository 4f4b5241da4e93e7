package org.orthancalbums.desktop.share;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.MemberView;
import org.orthancalbums.core.api.UserView;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.Problems;

/** Who is in an album and with which role; finding people by name to add them. */
public final class ShareModel {
    private final AlbumsClient client;
    private final TaskExecutor executor;
    private final AlbumView album;
    private final ObservableList<MemberView> members = FXCollections.observableArrayList();
    private final ObservableList<UserView> found = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private int searches;

    public ShareModel(AlbumsClient client, TaskExecutor executor, AlbumView album) {
        this.client = client;
        this.executor = executor;
        this.album = album;
    }

    public void load() {
        executor.execute(() -> client.members(album.id()), members::setAll, this::problem);
    }

    /** Searches the directory once at least 2 characters are typed; older answers are dropped. */
    public void search(String text) {
        int mine = ++searches;
        String needle = text == null ? "" : text.strip();
        if (needle.length() < 2) {
            found.clear();
            return;
        }
        executor.execute(() -> client.searchUsers(needle), users -> {
            if (mine == searches) {
                found.setAll(users);
            }
        }, this::problem);
    }

    public void share(UserView user, AlbumRole role) {
        executor.execute(() -> client.setMember(album.id(), user.id(), role), added -> {
            message.set(t("share.added", added.name(), t("role." + role.name())));
            load();
        }, this::problem);
    }

    public void remove(MemberView member) {
        executor.execute(() -> {
            client.removeMember(album.id(), member.userId());
            return member;
        }, removed -> load(), this::problem);
    }

    private void problem(Throwable error) {
        message.set(Problems.describe(t("share.failed"), error));
    }

    public AlbumView album() {
        return album;
    }

    public ObservableList<MemberView> members() {
        return members;
    }

    public ObservableList<UserView> found() {
        return found;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public static List<AlbumRole> rolesFor(AlbumRole myRole) {
        return myRole == AlbumRole.OWNER ? List.of(AlbumRole.values()) : List.of(AlbumRole.VIEWER, AlbumRole.CONTRIBUTOR, AlbumRole.EDITOR);
    }
}
