package org.orthancalbums.desktop.access;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.TokenViews;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.Problems;

/**
 * Access to an album for tools: create an upload token for a chosen time (its secret is shown once,
 * then only its listing remains), list the album's live tokens, revoke one.
 */
public final class ToolAccessModel {
    /** The lifetimes offered; the server refuses more than its maximum (7 days by default). */
    public static final List<Duration> LIFETIMES = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));

    private final AlbumsClient client;
    private final TaskExecutor executor;
    private final AlbumView album;
    private final Clock clock;
    private final ObservableList<TokenViews.Listed> tokens = FXCollections.observableArrayList();
    private final ObjectProperty<UploadAccess> created = new SimpleObjectProperty<>();
    private final ObjectProperty<Duration> lifetime = new SimpleObjectProperty<>(Duration.ofDays(1));
    private final StringProperty message = new SimpleStringProperty("");

    public ToolAccessModel(AlbumsClient client, TaskExecutor executor, AlbumView album, Clock clock) {
        this.client = client;
        this.executor = executor;
        this.album = album;
        this.clock = clock;
    }

    /** The live tokens: neither revoked nor expired, newest first. */
    public void load() {
        executor.execute(() -> client.tokens(album.id()), list -> tokens.setAll(list.stream()
                .filter(token -> token.revokedAt() == null && token.expiresAt().isAfter(clock.instant()))
                .sorted(Comparator.comparing(TokenViews.Listed::createdAt).reversed()).toList()), this::problem);
    }

    public void create() {
        Duration chosen = lifetime.get();
        // scanners and PACS speak DICOM only: every key gets its own AE title too
        executor.execute(() -> client.createToken(album.id(), "upload", chosen.toSeconds(), null, true), token -> {
            created.set(new UploadAccess(token.id(), token.token(), token.dicomWebRoot(), token.expiresAt(), token.dicom()));
            message.set("");
            load();
        }, this::problem);
    }

    public void revoke(TokenViews.Listed token) {
        executor.execute(() -> {
            client.revokeToken(album.id(), token.id());
            return token;
        }, revoked -> {
            UploadAccess shown = created.get();
            if (shown != null && shown.tokenId().equals(revoked.id())) {
                created.set(null);
            }
            message.set(t("access.revoked"));
            load();
        }, this::problem);
    }

    private void problem(Throwable error) {
        message.set(Problems.describe(t("access.failed"), error));
    }

    public AlbumView album() {
        return album;
    }

    public ObservableList<TokenViews.Listed> tokens() {
        return tokens;
    }

    public ObjectProperty<UploadAccess> createdProperty() {
        return created;
    }

    public ObjectProperty<Duration> lifetimeProperty() {
        return lifetime;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
