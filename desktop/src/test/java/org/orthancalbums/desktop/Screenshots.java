package org.orthancalbums.desktop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Pictures of windows as the UI tests leave them, in desktop/target/screenshots, for people to look at. */
public final class Screenshots {
    private Screenshots() {
    }

    public static void save(Window window, String name) throws IOException {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        var image = WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null));
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image.get(10, TimeUnit.SECONDS), null), "png", folder.resolve(name).toFile());
        } catch (Exception e) {
            throw new IOException("cannot save the screenshot", e);
        }
    }
}
