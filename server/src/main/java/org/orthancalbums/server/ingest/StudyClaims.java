package org.orthancalbums.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.orthancalbums.server.db.Database;

/**
 * Which album is creating a study that Orthanc has not labelled yet. A claim is taken only for a
 * study Orthanc does not have, given up once the study carries the album's label (or when no part of
 * it was stored), and worthless after {@link #LIFETIME}: a claim left by a crash of albums-server is
 * for sending the same files again soon, not for reserving a StudyInstanceUID.
 */
final class StudyClaims {
    static final Duration LIFETIME = Duration.ofHours(6);

    private final Database db;
    private final Clock clock;

    StudyClaims(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Claims a study for the album unless another album holds a live claim; answers the album that holds it now. */
    String claim(String studyInstanceUid, String albumId) {
        long now = clock.millis();
        return db.inTransaction(tx -> {
            db.update("DELETE FROM study_claims WHERE study_instance_uid = ? AND claimed_at < ?", studyInstanceUid,
                    now - LIFETIME.toMillis());
            db.update("INSERT INTO study_claims (study_instance_uid, album_id, claimed_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (study_instance_uid) DO NOTHING", studyInstanceUid, albumId, now);
            return holder(studyInstanceUid).orElse(albumId);
        });
    }

    boolean heldBy(String studyInstanceUid, String albumId) {
        return holder(studyInstanceUid).filter(albumId::equals).isPresent();
    }

    /**
     * The album's claims on studies that now carry its label end: each such study came into Orthanc
     * through an upload into the album, which is recorded (only such studies may go with the album).
     *
     * @param studies Orthanc study ids by StudyInstanceUID
     */
    void fulfil(Map<String, String> studies, String albumId) {
        long now = clock.millis();
        for (Map.Entry<String, String> study : studies.entrySet()) {
            db.inTransaction(tx -> {
                if (db.update("DELETE FROM study_claims WHERE study_instance_uid = ? AND album_id = ?", study.getKey(), albumId) > 0) {
                    db.update("INSERT INTO study_origins (orthanc_study_id, album_id, study_instance_uid, created_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING", study.getValue(), albumId, study.getKey(), now);
                }
                return null;
            });
        }
    }

    /** The album's claims on studies that Orthanc never received. */
    void abandon(Collection<String> studyInstanceUids, String albumId) {
        for (String uid : studyInstanceUids) {
            db.update("DELETE FROM study_claims WHERE study_instance_uid = ? AND album_id = ?", uid, albumId);
        }
    }

    private Optional<String> holder(String studyInstanceUid) {
        return db.queryOne("SELECT album_id FROM study_claims WHERE study_instance_uid = ? AND claimed_at >= ?",
                row -> row.getString(1), studyInstanceUid, clock.millis() - LIFETIME.toMillis());
    }
}
