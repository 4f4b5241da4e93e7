package org.orthancalbums.desktop.screens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.desktop.MainWindow.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.orthancalbums.desktop.settings.Theme;
import org.orthancalbums.desktop.slicer.SlicerLocator;
import org.orthancalbums.desktop.upload.ChosenFolder;
import org.orthancalbums.desktop.upload.UploadEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every window and dialog, in English and French, light and dark, with the main window at 1280×800,
 * into target/screenshots/ ({@code <window>-<language>-<light|dark>.png}) for people to look at.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsIT {
    @TempDir
    static Path disk;
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void englishAndLight() {
        I18n.use(Locale.ENGLISH);
        Theme.apply(false);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"en, light", "fr, light", "en, dark", "fr, dark"})
    void everyWindow(String language, String look, FxRobot robot) throws Exception {
        String suffix = "-" + language + "-" + look + ".png";
        // an album of its own: the upload below adds a study to it
        AlbumView album = StackData.album("alice", "Cardiac MRI teaching files 2025");
        StackData.study(album, "Durand^Marie", "Cardiac MRI with stress perfusion", 2);
        AppSettings settings = AppSettings.load("org/orthancalbums/desktop-tests/screens-" + language + "-" + look);
        settings.setLanguage(language);
        settings.setDarkTheme(look.equals("dark"));
        settings.setSlicerExecutable("");

        // connect, then login (a browser that opens nothing: the screen waits for the user)
        settings.setServerUrl("");
        robot.interact(() -> wiring(settings, disk).show(stage));
        waitUntil(() -> robot.lookup("#serverUrl").tryQuery().isPresent());
        sized(robot);
        Screenshots.save(stage, "connect" + suffix);
        settings.setServerUrl(Stack.albumsUrl().toString());
        robot.interact(() -> wiring(settings, disk).show(stage));
        waitUntil(() -> robot.lookup("#login").tryQuery().map(n -> n.getScene() == stage.getScene()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage, "login" + suffix);

        // the main window on a study
        Path folder = Files.createTempDirectory(disk, "upload");
        for (int i = 1; i <= 2; i++) {
            Files.write(folder.resolve("IM" + i), DicomFileWriter.write(new DicomFileWriter.Instance("SHOT-1", "Leroy^Claire",
                    Uids.random(), Uids.random(), Uids.random(), "20250403", "Chest CT", "CT", 1, i, 32, 32)));
        }
        MainWindow main = MainWindow.open(robot, stage, wiring(settings, folder), "alice");
        sized(robot);
        main.selectAlbum(album);
        main.selectStudy("Durand, Marie", 1);
        waitUntil(() -> robot.lookup("#seriesList").queryListView().getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage, "main" + suffix);

        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        shoot(robot, main, "#albumNameField", "new-album" + suffix);
        assertThat(elided(robot, ".dialog-pane .label")).isEmpty();
        assertThat(robot.lookup(".dialog-pane .button").queryAllAs(Labeled.class)).extracting(Labeled::getText)
                .containsExactlyInAnyOrder(I18n.t("dialog.save"), I18n.t("dialog.cancel"));
        robot.type(KeyCode.ESCAPE);
        robot.clickOn("#deleteAlbum");
        waitUntil(() -> robot.lookup(".alert").tryQuery().isPresent());
        Screenshots.save(robot.lookup(".alert").query().getScene().getWindow(), "delete-album" + suffix);
        robot.type(KeyCode.ESCAPE);

        robot.clickOn("#shareAlbum");
        waitUntil(() -> robot.lookup("#members").queryListView().getItems().size() >= 1);
        close(robot, shoot(robot, main, "#shareSearch", "share" + suffix));
        robot.clickOn("#toolAccess");
        close(robot, shoot(robot, main, "#createAccess", "tool-access" + suffix));
        robot.clickOn("#sendBack");
        Window sendBack = shoot(robot, main, "#sendBackSteps", "send-back" + suffix);
        assertThat(elided(robot, ".title-3")).isEmpty();
        close(robot, sendBack);
        robot.clickOn("#albumHistory");
        waitUntil(() -> !robot.lookup("#historyList").queryListView().getItems().isEmpty());
        close(robot, shoot(robot, main, "#historyList", "activity" + suffix));
        robot.clickOn("#downloadStudy");
        close(robot, shoot(robot, main, "#startDownload", "download" + suffix));
        robot.clickOn("#openSettings");
        waitUntil(() -> !main.text("#slicerFound").isEmpty());
        close(robot, shoot(robot, main, "#slicerExecutable", "settings" + suffix));

        // Slicer is not on this computer: the main window says where to get it
        robot.clickOn("#openInSlicer");
        waitUntil(() -> !main.text("#problem").isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage, "slicer-not-found" + suffix);
        assertThat(elided(robot, "#retry")).isEmpty();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.U).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#startUpload").tryQuery().isPresent() && !robot.lookup("#startUpload").queryButton().isDisabled());
        Window upload = shoot(robot, main, "#startUpload", "upload-preview" + suffix);
        assertThat(elided(robot, "#uploadStudies .column-header .label")).isEmpty();
        assertThat(elided(robot, "#startUpload")).isEmpty();
        robot.type(KeyCode.ENTER);
        waitUntil(() -> !main.text("#uploadReport").isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(upload, "upload-report" + suffix);
        assertThat(main.text("#uploadReport")).isEqualTo(I18n.t("upload.report", 2, 0, 0, 0, 0));
        close(robot, upload);
    }

    /** The texts of these Labeled nodes that show cut short ("R…" for "Retry"). */
    private static List<String> elided(FxRobot robot, String query) {
        return robot.lookup(query).queryAllAs(Labeled.class).stream()
                .filter(l -> l.lookupAll(".text").stream().map(t -> ((Text) t).getText()).anyMatch(shown -> !shown.equals(l.getText())))
                .map(Labeled::getText).toList();
    }

    private AppWiring wiring(AppSettings settings, Path folder) {
        AppWiring wiring = new AppWiring(settings, url -> {
        }, UploadEngine.Settings.defaults(), new SlicerLocator("Linux", Map.of("PATH", ""), disk, disk));
        wiring.useFilePicker(new ChosenFolder(folder));
        return wiring;
    }

    private void sized(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Window shoot(FxRobot robot, MainWindow main, String id, String name) throws Exception {
        Window window = main.windowWith(id);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(window, name);
        return window;
    }

    private static void close(FxRobot robot, Window window) {
        robot.interact(window::hide);
    }
}
