package org.orthancalbums.desktop;

import java.util.List;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The app's icon (icons/orthanc-albums.svg, drawn for this project, as PNGs) on every window: the main
 * stage, dialogs and alerts alike, so the task bar and window switchers show the installer's icon.
 */
public final class AppIcon {
    /** The sizes window managers pick from; the build copies them from icons/png. */
    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256};

    private AppIcon() {
    }

    public static List<Image> images() {
        return IntStream.of(SIZES)
                .mapToObj(size -> new Image(AppIcon.class.getResource("icons/orthanc-albums-" + size + ".png").toExternalForm()))
                .toList();
    }

    /**
     * Gives {@code main} the icon and every window shown from now on that has none (JavaFX does not pass
     * an owner's icon on to its dialogs).
     */
    public static void useOnEveryWindow(Stage main) {
        List<Image> icons = images();
        main.getIcons().setAll(icons);
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                for (Window window : change.getAddedSubList()) {
                    if (window instanceof Stage stage && stage.getIcons().isEmpty()) {
                        stage.getIcons().setAll(icons);
                    }
                }
            }
        });
    }
}
