package org.orthancalbums.desktop.settings;

import java.util.prefs.Preferences;

/** What the app remembers between runs (never tokens: those go to the OS keychain). */
public final class AppSettings {
    private static final String SERVER_URL = "serverUrl";
    private static final String DARK = "darkTheme";
    private static final String LANGUAGE = "language";
    private final Preferences preferences;

    private AppSettings(Preferences preferences) {
        this.preferences = preferences;
    }

    public static AppSettings load() {
        return load("org/orthancalbums/desktop");
    }

    /** Settings under another preferences node: tests use their own, never the user's. */
    public static AppSettings load(String node) {
        return new AppSettings(Preferences.userRoot().node(node));
    }

    public String serverUrl() {
        return preferences.get(SERVER_URL, "");
    }

    public void setServerUrl(String url) {
        preferences.put(SERVER_URL, url);
    }

    public boolean darkTheme() {
        return preferences.getBoolean(DARK, false);
    }

    public void setDarkTheme(boolean dark) {
        preferences.putBoolean(DARK, dark);
    }

    /** "en", "fr", or empty for the computer's language. */
    public String language() {
        return preferences.get(LANGUAGE, "");
    }

    public void setLanguage(String language) {
        preferences.put(LANGUAGE, language);
    }
}
