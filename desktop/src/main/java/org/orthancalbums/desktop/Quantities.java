package org.orthancalbums.desktop;

import org.orthancalbums.desktop.settings.I18n;

/** Sizes and durations as the progress lines show them. */
public final class Quantities {
    private Quantities() {
    }

    /** Megabytes with one decimal, in the user's number format: "12.5", "12,5". */
    public static String megabytes(long bytes) {
        return String.format(I18n.locale(), "%.1f", bytes / 1e6);
    }

    /** "45 s", "3 min 5 s". */
    public static String duration(long seconds) {
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }
}
