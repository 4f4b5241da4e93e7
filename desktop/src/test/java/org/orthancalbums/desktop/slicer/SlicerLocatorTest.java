package org.orthancalbums.desktop.slicer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Slicer is looked for on each system, newest version first; the user's choice wins while it is a program. */
class SlicerLocatorTest {
    @TempDir
    Path disk;

    @Test
    void linuxLooksOnThePathInTheHomeFolderAndInOptNewestFirst() throws IOException {
        Path home = Files.createDirectories(disk.resolve("home/alice"));
        Path old = program(home.resolve("Slicer-5.2.2-linux-amd64/Slicer"));
        Path newest = program(disk.resolve("opt/Slicer-5.8.1-linux-amd64/Slicer"));
        Path middle = program(disk.resolve("opt/Slicer-5.6.10-linux-amd64/Slicer"));
        Path onPath = program(disk.resolve("usr/local/bin/Slicer"));
        program(disk.resolve("opt/Slicer-9.9.9-linux-amd64/NotSlicer"));
        SlicerLocator linux = new SlicerLocator("Linux", Map.of("PATH", "/nowhere:" + onPath.getParent()), home, disk);
        assertThat(linux.candidates()).containsExactly(newest, middle, old, onPath);
        assertThat(linux.find("")).contains(newest);
        assertThat(linux.find(old.toString())).contains(old);
        assertThat(linux.find(disk.resolve("gone/Slicer").toString())).as("a chosen program that went away").contains(newest);
    }

    @Test
    void windowsLooksInTheUsersProgramsOfBothInstallerGenerations() throws IOException {
        Path local = disk.resolve("AppData/Local");
        Path current = program(local.resolve("slicer.org/Slicer 5.6.2/Slicer.exe"));
        Path older = program(local.resolve("NA-MIC/Slicer 4.11.20210226/Slicer.exe"));
        SlicerLocator windows = new SlicerLocator("Windows 11", Map.of("LOCALAPPDATA", local.toString()), disk.resolve("home"), disk);
        assertThat(windows.candidates()).containsExactly(current, older);
    }

    @Test
    void macOsLooksInBothApplicationsFolders() throws IOException {
        Path home = disk.resolve("Users/alice");
        Path system = program(disk.resolve("Applications/Slicer.app/Contents/MacOS/Slicer"));
        Path mine = program(home.resolve("Applications/Slicer 5.8.1.app/Contents/MacOS/Slicer"));
        SlicerLocator mac = new SlicerLocator("Mac OS X", Map.of(), home, disk);
        assertThat(mac.candidates()).containsExactly(mine, system);
    }

    @Test
    void aComputerWithoutSlicerHasNone() {
        assertThat(new SlicerLocator("Linux", Map.of("PATH", ""), disk, disk).find("")).isEmpty();
    }

    private static Path program(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }
}
