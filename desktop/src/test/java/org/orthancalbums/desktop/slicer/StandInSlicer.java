package org.orthancalbums.desktop.slicer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.orthancalbums.desktop.MainWindow;

/** A "Slicer" that writes its arguments, one per line, next to itself, and ends. */
public final class StandInSlicer {
    private StandInSlicer() {
    }

    /** Puts the stand-in into {@code disk}, in a folder named as Slicer's own; returns the program. */
    public static Path install(Path disk) throws IOException {
        Path folder = Files.createDirectories(disk.resolve("Slicer-5.8.1-linux-amd64"));
        Path program = folder.resolve("Slicer");
        Files.writeString(program, "#!/bin/sh\nout=\"$(dirname \"$0\")/args.txt\"\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$out.tmp\"\n"
                + "mv \"$out.tmp\" \"$out\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        return program;
    }

    /** The arguments the stand-in was started with, once it has been. */
    public static List<String> arguments(Path slicer) throws Exception {
        Path args = slicer.resolveSibling("args.txt");
        MainWindow.waitUntil(() -> Files.exists(args));
        return Files.readAllLines(args);
    }
}
