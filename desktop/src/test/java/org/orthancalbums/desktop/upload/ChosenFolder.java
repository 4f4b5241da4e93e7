package org.orthancalbums.desktop.upload;

import java.nio.file.Path;
import java.util.List;
import javafx.stage.Window;

/** Stands in for the system's dialogs: the user cancels the file dialog and picks {@code folder} in the folder dialog. */
public record ChosenFolder(Path folder) implements FilePicker {
    @Override
    public List<Path> files(Window owner) {
        return List.of();
    }

    @Override
    public List<Path> folder(Window owner) {
        return List.of(folder);
    }
}
