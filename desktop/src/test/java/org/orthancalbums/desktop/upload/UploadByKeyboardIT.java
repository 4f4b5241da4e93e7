package org.orthancalbums.desktop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Upload files or folder…" with the keyboard alone: the shortcut opens the system's dialog (a
 * stand-in here: the headless screen has none), the upload window starts with Enter, in French.
 */
@ExtendWith(ApplicationExtension.class)
class UploadByKeyboardIT {
    @TempDir
    Path folder;
    private Stage stage;
    private final List<String> asked = new ArrayList<>();

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void english() {
        I18n.use(java.util.Locale.ENGLISH);
    }

    @Test
    void aFolderChosenByKeyboardIsUploadedIntoTheSelectedAlbum(FxRobot robot) throws Exception {
        AlbumView album = StackData.album("alice", "Keyboard upload");
        String study = Uids.random();
        String series = Uids.random();
        for (int i = 1; i <= 2; i++) {
            Files.write(folder.resolve("IM" + i), DicomFileWriter.write(new DicomFileWriter.Instance("KEY-1", "Clavier^Anne",
                    study, series, Uids.random(), "20250403", "Chosen by keyboard", "CT", 1, i, 32, 32)));
        }
        AppWiring wiring = MainWindow.wiring("upload-keyboard", "fr");
        wiring.useFilePicker(new FilePicker() {
            @Override
            public List<Path> files(Window owner) {
                asked.add("files");
                return List.of(); // the user cancelled the dialog: nothing happens
            }

            @Override
            public List<Path> folder(Window owner) {
                asked.add("folder");
                return List.of(folder);
            }
        });
        MainWindow main = MainWindow.open(robot, stage, wiring, "alice");
        main.selectAlbum(album);
        assertThat(robot.lookup("#uploadChooser").queryAs(MenuButton.class).getText()).isEqualTo("Envoyer des fichiers ou un dossier…");

        robot.press(KeyCode.CONTROL).type(KeyCode.U).release(KeyCode.CONTROL);
        assertThat(asked).containsExactly("files");
        assertThat(robot.lookup("#startUpload").tryQuery()).isEmpty();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.U).release(KeyCode.SHIFT, KeyCode.CONTROL);
        MainWindow.waitUntil(() -> robot.lookup("#startUpload").tryQuery().isPresent() && !robot.lookup("#startUpload").queryButton().isDisabled());
        assertThat(main.text("#uploadSummary")).startsWith("2 fichiers DICOM");
        robot.type(KeyCode.ENTER); // "Envoyer" is the window's default button
        MainWindow.waitUntil(() -> main.text("#uploadReport").startsWith("Enregistrés : 2"));
        robot.interact(() -> robot.lookup("#uploadReport").queryAs(Label.class).getScene().getWindow().hide());

        TableView<?> table = robot.lookup("#studyTable").queryTableView();
        MainWindow.waitUntil(() -> table.getItems().size() == 1);
        assertThat(asked).containsExactly("files", "folder");
    }
}
