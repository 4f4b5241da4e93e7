package org.orthancalbums.server.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.orthancalbums.server.db.Database;

/** Album tokens in the database, found by the hash of their secret. */
public final class AlbumTokenRepository {
    private static final String COLUMNS = "id, album_id, kind, creator_id, creator_name, study_instance_uid, "
            + "study_orthanc_id, created_at, expires_at, last_used_at, revoked_at, ae_title";

    private final Database db;

    public AlbumTokenRepository(Database db) {
        this.db = db;
    }

    public void insert(AlbumToken token, String secretHash) {
        db.update("INSERT INTO album_tokens (" + COLUMNS + ", secret_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                token.id(), token.albumId(), token.kind().name(), token.creatorId(), token.creatorName(),
                token.studyInstanceUid(), token.studyOrthancId(), token.createdAt().toEpochMilli(),
                token.expiresAt().toEpochMilli(), null, null, token.aeTitle(), secretHash);
    }

    public Optional<AlbumToken> findBySecretHash(String secretHash) {
        return db.queryOne("SELECT " + COLUMNS + " FROM album_tokens WHERE secret_hash = ?", AlbumTokenRepository::token, secretHash);
    }

    public Optional<AlbumToken> findByAeTitle(String aeTitle) {
        return db.queryOne("SELECT " + COLUMNS + " FROM album_tokens WHERE ae_title = ?", AlbumTokenRepository::token, aeTitle);
    }

    public Optional<AlbumToken> find(String albumId, String tokenId) {
        return db.queryOne("SELECT " + COLUMNS + " FROM album_tokens WHERE album_id = ? AND id = ?",
                AlbumTokenRepository::token, albumId, tokenId);
    }

    public List<AlbumToken> ofAlbum(String albumId) {
        return db.query("SELECT " + COLUMNS + " FROM album_tokens WHERE album_id = ? ORDER BY created_at DESC",
                AlbumTokenRepository::token, albumId);
    }

    public void revoke(String tokenId, Instant at) {
        db.update("UPDATE album_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at.toEpochMilli(), tokenId);
    }

    public void markUsed(String tokenId, Instant at) {
        db.update("UPDATE album_tokens SET last_used_at = ? WHERE id = ?", at.toEpochMilli(), tokenId);
    }

    private static AlbumToken token(ResultSet row) throws SQLException {
        return new AlbumToken(row.getString("id"), row.getString("album_id"), AlbumToken.Kind.valueOf(row.getString("kind")),
                row.getString("creator_id"), row.getString("creator_name"), row.getString("study_instance_uid"),
                row.getString("study_orthanc_id"), instant(row, "created_at"), instant(row, "expires_at"),
                instant(row, "last_used_at"), instant(row, "revoked_at"), row.getString("ae_title"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
