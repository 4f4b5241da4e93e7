package org.orthancalbums.desktop.settings;

import java.util.prefs.Preferences;

/** What the app remembers between runs (never tokens: those go to the OS keychain). */
public final class AppSettings {
    private static final String SERVER_URL = "serverUrl";
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
}
