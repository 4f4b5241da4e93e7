package org.orthancalbums.server.albums;

import java.time.Instant;
import java.util.Map;

/** One line of an album's history: who did what, when. */
public record AlbumEvent(long id, String albumId, Instant at, String actorId, String actorName, String kind,
                         Map<String, Object> detail) {

    /** The kinds of events, as stored and as the API shows them. */
    public static final String CREATED = "created";
    public static final String RENAMED = "renamed";
    public static final String DESCRIBED = "described";
    public static final String MEMBER_ADDED = "member_added";
    public static final String MEMBER_CHANGED = "member_changed";
    public static final String MEMBER_REMOVED = "member_removed";
    public static final String STUDY_ADDED = "study_added";
    public static final String STUDY_REMOVED = "study_removed";
    public static final String UPLOAD = "upload";
    public static final String TOKEN_CREATED = "token_created";
    public static final String TOKEN_REVOKED = "token_revoked";
    public static final String DELETED = "deleted";
}
