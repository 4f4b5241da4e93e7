package org.orthancalbums.desktop.upload;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks the user for files or a folder to upload: the system's dialogs in the app, a stand-in in
 * tests (the headless test screen has no native dialog). Empty when the user cancels.
 */
public interface FilePicker {
    List<Path> files(Window owner);

    List<Path> folder(Window owner);

    /** The operating system's own file and folder dialogs. */
    static FilePicker system(String title) {
        return new FilePicker() {
            @Override
            public List<Path> files(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                List<File> chosen = chooser.showOpenMultipleDialog(owner);
                return chosen == null ? List.of() : chosen.stream().map(File::toPath).toList();
            }

            @Override
            public List<Path> folder(Window owner) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(title);
                File chosen = chooser.showDialog(owner);
                return chosen == null ? List.of() : List.of(chosen.toPath());
            }
        };
    }
}
