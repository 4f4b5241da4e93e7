package org.orthancalbums.desktop.keyboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.desktop.MainWindow.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.MemberView;
import org.orthancalbums.core.api.UserView;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.login.KeycloakBrowser;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.orthancalbums.desktop.slicer.StandInSlicer;
import org.orthancalbums.desktop.upload.ChosenFolder;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The five core tasks with the keyboard alone, in English and in French: log in (Enter on the login
 * button; the test plays the browser at Keycloak), create an album (Ctrl+N, name, Enter), upload a
 * folder into it (Ctrl+Shift+U, Enter, Escape), share it with bob as viewer (Ctrl+Shift+S, "bob",
 * Down, Tab, Tab, Space, Escape), open its study in 3D Slicer (Ctrl+F, Down, Ctrl+Shift+O; a stand-in
 * Slicer records its arguments).
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardTasksIT {
    @TempDir
    Path disk;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void english() {
        I18n.use(Locale.ENGLISH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void theFiveTasksByKeyboardAlone(String language, FxRobot robot) throws Exception {
        Path slicer = StandInSlicer.install(disk);
        Path folder = Files.createDirectories(disk.resolve("cd"));
        String study = Uids.random();
        String series = Uids.random();
        for (int i = 1; i <= 2; i++) {
            Files.write(folder.resolve("IM" + i), DicomFileWriter.write(new DicomFileWriter.Instance("KBD-1", "Clavier^Anne",
                    study, series, Uids.random(), "20250403", "Chosen by keyboard", "CT", 1, i, 32, 32)));
        }
        AppSettings settings = AppSettings.load("org/orthancalbums/desktop-tests/keyboard-" + language);
        settings.setLanguage(language);
        settings.setServerUrl(Stack.albumsUrl().toString());
        settings.setSlicerExecutable(slicer.toString());
        CompletableFuture<String> openedUrl = new CompletableFuture<>();
        AppWiring wiring = new AppWiring(settings, openedUrl::complete);
        wiring.useFilePicker(new ChosenFolder(folder));
        robot.interact(() -> wiring.show(stage));

        // 1. log in: Enter on the focused login button, then the user's browser at Keycloak
        waitUntil(() -> robot.lookup("#login").tryQuery().map(n -> n.getScene() == stage.getScene() && n.isFocused()).orElse(false));
        robot.type(KeyCode.ENTER);
        KeycloakBrowser browser = new KeycloakBrowser();
        browser.open(openedUrl.get(10, TimeUnit.SECONDS));
        browser.logIn("alice", "alice");
        waitUntil(() -> robot.lookup("#userName").tryQuery().isPresent());
        assertThat(robot.lookup("#userName").queryAs(Label.class).getText()).isEqualTo("Alice Martin");
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });

        // 2. create an album
        String name = "Keyboard " + language + " " + UUID.randomUUID().toString().substring(0, 6);
        waitUntil(() -> !robot.lookup("#albumList").queryListView().getItems().isEmpty());
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#albumNameField").tryQuery().isPresent());
        waitUntil(() -> robot.lookup("#albumNameField").query().isFocused());
        write(robot, name);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> name.equals(robot.lookup("#albumTitle").queryAs(Label.class).getText()));

        // 3. upload a folder into it
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.U).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#startUpload").tryQuery().isPresent() && !robot.lookup("#startUpload").queryButton().isDisabled());
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#uploadReport").queryAs(Label.class).getText().equals(I18n.t("upload.report", 2, 0, 0, 0, 0)));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#uploadReport").tryQuery().isEmpty());
        TableView<?> table = robot.lookup("#studyTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 1);

        // 4. share it with bob as a viewer
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#shareSearch").tryQuery().map(n -> n.isFocused()).orElse(false));
        write(robot, "bob");
        ListView<UserView> found = robot.lookup("#shareFound").queryListView();
        waitUntil(() -> found.getItems().size() == 1);
        robot.type(KeyCode.DOWN);
        assertThat(found.getSelectionModel().getSelectedItem().username()).isEqualTo("bob");
        robot.type(KeyCode.TAB, KeyCode.TAB); // the role (viewer already), then Add
        assertThat(robot.lookup("#shareAdd").query().isFocused()).isTrue();
        robot.type(KeyCode.SPACE);
        ListView<MemberView> members = robot.lookup("#members").queryListView();
        waitUntil(() -> members.getItems().stream().anyMatch(m -> m.name().equals("Bob Dupont") && m.role() == AlbumRole.VIEWER));
        assertThat(robot.lookup("#shareMessage").queryAs(Label.class).getText())
                .isEqualTo(I18n.t("share.added", "Bob Dupont", I18n.t("role.VIEWER")));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#shareSearch").tryQuery().isEmpty());

        // 5. open the study in 3D Slicer
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.type(KeyCode.DOWN);
        waitUntil(() -> table.getSelectionModel().getSelectedItems().size() == 1);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.O).release(KeyCode.O, KeyCode.SHIFT, KeyCode.CONTROL);
        List<String> args = StandInSlicer.arguments(slicer);
        assertThat(args.get(1)).startsWith("slicer://viewer/?").contains("studyUID=" + study);
        waitUntil(() -> robot.lookup("#statusText").queryAs(Label.class).getText().startsWith(I18n.t("slicer.started", "Clavier, Anne", "").substring(0, 12)));
    }

    /**
     * Types {@code text} into the window that has the keyboard, the one opened last (TestFX's write goes to
     * its target window otherwise, and the headless screen calls every window focused).
     */
    private static void write(FxRobot robot, String text) {
        List<Window> windows = robot.listWindows();
        robot.targetWindow(windows.get(windows.size() - 1));
        robot.write(text);
    }
}
