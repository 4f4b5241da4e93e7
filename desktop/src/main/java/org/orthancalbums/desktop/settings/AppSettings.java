package org.orthancalbums.desktop.settings;

import java.util.prefs.Preferences;

/** What the app remembers between runs (never tokens: those go to the OS keychain). */
public final class AppSettings {
    private static final String SERVER_URL = "serverUrl";
    private static final String DARK = "darkTheme";
    private static final String LANGUAGE = "language";
    private static final String SLICER = "slicerExecutable";
    private static final String VIEW_LINK_HOURS = "viewLinkHours";
    private static final String DOWNLOAD_FOLDER = "downloadFolder";
    private static final String DOWNLOAD_ZIP = "downloadAsZip";
    /** Kheops gives 3D Slicer 5 hours: enough for a large study to arrive over a slow network. */
    public static final int DEFAULT_VIEW_LINK_HOURS = 5;
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

    /** The 3D Slicer program the user chose; empty: the app looks for it in the usual places. */
    public String slicerExecutable() {
        return preferences.get(SLICER, "");
    }

    public void setSlicerExecutable(String path) {
        preferences.put(SLICER, path);
    }

    /** How long the link that lets 3D Slicer fetch a study stays valid. */
    public int viewLinkHours() {
        return preferences.getInt(VIEW_LINK_HOURS, DEFAULT_VIEW_LINK_HOURS);
    }

    public void setViewLinkHours(int hours) {
        preferences.putInt(VIEW_LINK_HOURS, hours);
    }

    /** Where the last download went; empty: the user's home folder is offered. */
    public String downloadFolder() {
        return preferences.get(DOWNLOAD_FOLDER, "");
    }

    public void setDownloadFolder(String folder) {
        preferences.put(DOWNLOAD_FOLDER, folder);
    }

    public boolean downloadAsZip() {
        return preferences.getBoolean(DOWNLOAD_ZIP, false);
    }

    public void setDownloadAsZip(boolean zip) {
        preferences.putBoolean(DOWNLOAD_ZIP, zip);
    }
}
