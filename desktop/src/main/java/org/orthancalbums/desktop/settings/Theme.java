package org.orthancalbums.desktop.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** Light and dark looks (AtlantaFX's Primer themes) plus the app's own accents. */
public final class Theme {
    private static final String APP_CSS = Theme.class.getResource("/org/orthancalbums/desktop/app.css").toExternalForm();

    private Theme() {
    }

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    public static Scene styled(Scene scene) {
        scene.getStylesheets().add(APP_CSS);
        return scene;
    }
}
