package org.orthancalbums.desktop;

import javafx.application.Application;

/** Main class. It does not extend Application, so JavaFX starts from the plain classpath too. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(AlbumsApp.class, args);
    }
}
