package org.orthancalbums.core.albums;

import java.util.Locale;
import java.util.Optional;

/** A member's role in one album, weakest first; a role includes everything the weaker ones may do. */
public enum AlbumRole {
    VIEWER, CONTRIBUTOR, EDITOR, OWNER;

    public boolean atLeast(AlbumRole other) {
        return compareTo(other) >= 0;
    }

    /** Parses "editor", "EDITOR"…; empty for anything else, so callers can answer 400 themselves. */
    public static Optional<AlbumRole> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
