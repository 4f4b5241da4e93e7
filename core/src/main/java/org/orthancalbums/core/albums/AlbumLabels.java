package org.orthancalbums.core.albums;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The Orthanc label behind an album: {@code alb_<slug of the first name>_<random id>}. Users never
 * see it; it never changes after creation, so renaming an album cannot break access.
 */
public final class AlbumLabels {
    public static final String PREFIX = "alb_";
    /** Orthanc's IsValidLabel: 1..64 characters of [A-Za-z0-9_-]. */
    private static final Pattern ORTHANC_LABEL = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int SLUG_MAX = 24;
    private static final int RANDOM_LENGTH = 10;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final RandomGenerator DEFAULT_RANDOM = new SecureRandom();

    private AlbumLabels() {
    }

    public static String newLabel(String albumName) {
        return newLabel(albumName, DEFAULT_RANDOM);
    }

    public static String newLabel(String albumName, RandomGenerator random) {
        StringBuilder label = new StringBuilder(PREFIX).append(slug(albumName)).append('_');
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            label.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return label.toString();
    }

    /** ASCII, lower case, dashes for everything else, at most 24 characters; "album" when nothing is left. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                // letters that do not decompose into a base letter plus accents
                .replace("œ", "oe").replace("æ", "ae").replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (ascii.length() > SLUG_MAX) {
            ascii = ascii.substring(0, SLUG_MAX).replaceAll("-+$", "");
        }
        return ascii.isEmpty() ? "album" : ascii;
    }

    public static boolean isValidOrthancLabel(String label) {
        return label != null && ORTHANC_LABEL.matcher(label).matches();
    }

    /** Labels without our prefix belong to administrators and are never treated as albums. */
    public static boolean isAlbumLabel(String label) {
        return isValidOrthancLabel(label) && label.startsWith(PREFIX);
    }
}
