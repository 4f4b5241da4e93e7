package org.orthancalbums.desktop.settings;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The app's words in English and French. The OS locale picks; the "language" setting overrides. Set
 * once at start-up, before any view is built.
 */
public final class I18n {
    private static final String BUNDLE = "org.orthancalbums.desktop.messages";
    private static ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault());

    private I18n() {
    }

    public static void use(Locale locale) {
        bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
    }

    public static Locale locale() {
        return bundle.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : bundle.getLocale();
    }

    /** The text for {@code key}, with {0}, {1}… filled in. */
    public static String t(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            pattern = key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
    }
}
