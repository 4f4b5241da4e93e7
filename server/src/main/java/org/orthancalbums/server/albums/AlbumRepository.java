package org.orthancalbums.server.albums;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.server.cache.KeptValues;
import org.orthancalbums.server.db.Database;

/** Albums, members and events in the server's database. No rules here: {@link AlbumService} has them. */
public final class AlbumRepository {
    private static final String ALBUM_COLUMNS = "a.id, a.name, a.description, a.label, a.created_at, a.updated_at";
    private static final String MEMBER_COLUMNS = "album_id, user_id, username, display_name, email, role, added_at";

    private final Database db;
    private final ObjectMapper mapper = new ObjectMapper();

    private static final long LABEL_ROLES_TTL_MILLIS = 1_000;
    private static final int MAX_CACHED_USERS = 10_000;
    private final java.util.concurrent.atomic.AtomicLong membershipVersion = new java.util.concurrent.atomic.AtomicLong();
    private final KeptValues<String, Map<String, AlbumRole>> labelRoles = new KeptValues<>(LABEL_ROLES_TTL_MILLIS, MAX_CACHED_USERS);

    public AlbumRepository(Database db) {
        this.db = db;
    }

    public Database db() {
        return db;
    }

    public void insert(Album album) {
        db.update("INSERT INTO albums (id, name, description, label, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                album.id(), album.name(), album.description(), album.label(),
                album.createdAt().toEpochMilli(), album.updatedAt().toEpochMilli());
    }

    public void update(Album album) {
        db.update("UPDATE albums SET name = ?, description = ?, updated_at = ? WHERE id = ?",
                album.name(), album.description(), album.updatedAt().toEpochMilli(), album.id());
    }

    /** Deletes the album, its members and tokens; its events stay, with a record of the album, as an audit trail. */
    public void delete(Album album, String deletedBy, Instant at) {
        db.inTransaction(c -> {
            db.update("INSERT INTO deleted_albums (id, name, label, created_at, deleted_at, deleted_by) VALUES (?, ?, ?, ?, ?, ?)",
                    album.id(), album.name(), album.label(), album.createdAt().toEpochMilli(), at.toEpochMilli(), deletedBy);
            db.update("DELETE FROM album_tokens WHERE album_id = ?", album.id());
            db.update("DELETE FROM members WHERE album_id = ?", album.id());
            db.update("DELETE FROM study_origins WHERE album_id = ?", album.id());
            return db.update("DELETE FROM albums WHERE id = ?", album.id());
        });
        membershipsChanged();
    }

    /** A deleted album as it was, for its history. */
    public Optional<Album> findDeleted(String albumId) {
        return db.queryOne("SELECT id, name, '' AS description, label, created_at, deleted_at AS updated_at FROM deleted_albums WHERE id = ?",
                AlbumRepository::album, albumId);
    }

    /** Whether the study came into Orthanc through an upload into this album (it was not there before). */
    public boolean broughtIn(String albumId, String orthancStudyId) {
        return db.count("SELECT COUNT(*) FROM study_origins WHERE album_id = ? AND orthanc_study_id = ?", albumId, orthancStudyId) > 0;
    }

    public Optional<Album> find(String albumId) {
        return db.queryOne("SELECT " + ALBUM_COLUMNS + " FROM albums a WHERE a.id = ?", AlbumRepository::album, albumId);
    }

    public List<Album> all() {
        return db.query("SELECT " + ALBUM_COLUMNS + " FROM albums a ORDER BY a.name", AlbumRepository::album);
    }

    /** The user's albums with the user's role in each, by name. */
    public List<Map.Entry<Album, AlbumRole>> albumsOf(String userId) {
        return db.query("SELECT " + ALBUM_COLUMNS + ", m.role FROM albums a JOIN members m ON m.album_id = a.id "
                        + "WHERE m.user_id = ? ORDER BY a.name",
                row -> Map.entry(album(row), AlbumRole.valueOf(row.getString("role"))), userId);
    }

    /** The labels of the user's albums where the user's role is at least {@code minimumRole}. */
    public List<String> labelsOf(String userId, AlbumRole minimumRole) {
        return labelRoles(userId).entrySet().stream().filter(e -> e.getValue().atLeast(minimumRole)).map(Map.Entry::getKey).toList();
    }

    /**
     * The label of each of the user's albums with the user's role in it. The plugin asks for a user's
     * profile on every request it sees; the answer is kept until a membership changes through this
     * repository, and at most {@link #LABEL_ROLES_TTL_MILLIS} (for changes made beside it).
     */
    public Map<String, AlbumRole> labelRoles(String userId) {
        long version = membershipVersion.get(); // read before the query: a change during it makes the next call ask again
        return labelRoles.get(userId, version, System.currentTimeMillis(), () -> {
            Map<String, AlbumRole> roles = new java.util.LinkedHashMap<>();
            db.query("SELECT a.label, m.role FROM albums a JOIN members m ON m.album_id = a.id WHERE m.user_id = ?",
                    row -> roles.put(row.getString(1), AlbumRole.valueOf(row.getString(2))), userId);
            return java.util.Collections.unmodifiableMap(roles);
        });
    }

    /** Changes each time a membership changes through this repository. */
    public long membershipVersion() {
        return membershipVersion.get();
    }

    private void membershipsChanged() {
        membershipVersion.incrementAndGet();
    }

    public Optional<Member> member(String albumId, String userId) {
        return db.queryOne("SELECT " + MEMBER_COLUMNS + " FROM members WHERE album_id = ? AND user_id = ?",
                AlbumRepository::member, albumId, userId);
    }

    public List<Member> members(String albumId) {
        return db.query("SELECT " + MEMBER_COLUMNS + " FROM members WHERE album_id = ? ORDER BY username",
                AlbumRepository::member, albumId);
    }

    public long memberCount(String albumId) {
        return db.count("SELECT COUNT(*) FROM members WHERE album_id = ?", albumId);
    }

    public long ownerCount(String albumId) {
        return db.count("SELECT COUNT(*) FROM members WHERE album_id = ? AND role = ?", albumId, AlbumRole.OWNER.name());
    }

    public void putMember(Member member) {
        db.inTransaction(c -> {
            int updated = db.update("UPDATE members SET role = ?, username = ?, display_name = ?, email = ? "
                            + "WHERE album_id = ? AND user_id = ?",
                    member.role().name(), member.username(), member.name(), member.email(), member.albumId(), member.userId());
            if (updated == 0) {
                db.update("INSERT INTO members (" + MEMBER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                        member.albumId(), member.userId(), member.username(), member.name(), member.email(),
                        member.role().name(), member.addedAt().toEpochMilli());
            }
            return updated;
        });
        membershipsChanged();
    }

    public void removeMember(String albumId, String userId) {
        db.update("DELETE FROM members WHERE album_id = ? AND user_id = ?", albumId, userId);
        membershipsChanged();
    }

    public void addEvent(String albumId, Instant at, String actorId, String actorName, String kind, Map<String, Object> detail) {
        try {
            db.update("INSERT INTO events (album_id, at, actor_id, actor_name, kind, detail) VALUES (?, ?, ?, ?, ?, ?)",
                    albumId, at.toEpochMilli(), actorId, actorName, kind, mapper.writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event detail is not serialisable", e);
        }
    }

    /** Newest first. */
    public List<AlbumEvent> events(String albumId, int offset, int limit) {
        return db.query("SELECT id, album_id, at, actor_id, actor_name, kind, detail FROM events WHERE album_id = ? "
                + "ORDER BY id DESC LIMIT ? OFFSET ?", this::event, albumId, limit, offset);
    }

    public long eventCount(String albumId) {
        return db.count("SELECT COUNT(*) FROM events WHERE album_id = ?", albumId);
    }

    private static Album album(ResultSet row) throws SQLException {
        return new Album(row.getString("id"), row.getString("name"), row.getString("description"), row.getString("label"),
                Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("updated_at")));
    }

    private static Member member(ResultSet row) throws SQLException {
        return new Member(row.getString("album_id"), row.getString("user_id"), row.getString("username"),
                row.getString("display_name"), row.getString("email"), AlbumRole.valueOf(row.getString("role")),
                Instant.ofEpochMilli(row.getLong("added_at")));
    }

    private AlbumEvent event(ResultSet row) throws SQLException {
        Map<String, Object> detail;
        try {
            detail = mapper.readValue(row.getString("detail"), new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            detail = Map.of();
        }
        return new AlbumEvent(row.getLong("id"), row.getString("album_id"), Instant.ofEpochMilli(row.getLong("at")),
                row.getString("actor_id"), row.getString("actor_name"), row.getString("kind"), detail);
    }
}
