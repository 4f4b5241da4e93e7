package org.orthancalbums.desktop;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.orthancalbums.desktop.settings.I18n;

/** Moments as people read them, in their language and time zone. */
public final class Times {
    private Times() {
    }

    /** Date and time, e.g. "30 Nov 2026, 14:05"; a dash when there is none. */
    public static String dateTime(Instant instant) {
        return instant == null ? "–" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(I18n.locale()).withZone(ZoneId.systemDefault()).format(instant);
    }
}
