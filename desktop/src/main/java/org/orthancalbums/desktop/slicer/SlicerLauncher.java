package org.orthancalbums.desktop.slicer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts 3D Slicer with a link as its argument: the executable handles a {@code slicer://} argument on
 * every system, while the scheme itself is registered only by the Windows installer. Slicer's output
 * goes nowhere: the link carries a token, which must not end up in a file.
 */
public final class SlicerLauncher {

    public void start(Path executable, String link) throws IOException {
        new ProcessBuilder(executable.toString(), "--no-splash", link)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
