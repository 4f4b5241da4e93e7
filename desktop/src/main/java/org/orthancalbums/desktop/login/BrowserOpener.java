package org.orthancalbums.desktop.login;

/** Shows a web page in the user's browser; the app passes {@code HostServices::showDocument}. */
@FunctionalInterface
public interface BrowserOpener {
    void open(String url) throws Exception;
}
