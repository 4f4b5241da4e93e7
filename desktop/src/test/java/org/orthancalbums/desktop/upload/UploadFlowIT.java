package org.orthancalbums.desktop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.PasswordSession;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.main.MainView;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A folder from a "CD" (real DICOM, junk, a DICOMDIR) dropped on an album: preview with the right
 * counts, upload, the album shows the new studies; dropped again, nothing is sent twice. And an
 * upload paused in the middle, then resumed: each study's state on the way, and only the rest is sent.
 */
@ExtendWith(ApplicationExtension.class)
class UploadFlowIT {
    private static final int FILES = 120;
    @TempDir
    static Path cd;
    private Stage stage;

    @BeforeAll
    static void english() {
        I18n.use(Locale.ENGLISH);
    }

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @Test
    void aDroppedFolderIsPreviewedUploadedAndShownInTheAlbum(FxRobot robot) throws Exception {
        AlbumView album = StackData.album("alice", "Dropped CD");
        for (int st = 0; st < 2; st++) {
            String study = Uids.random();
            for (int se = 1; se <= 2; se++) {
                String series = Uids.random();
                Path folder = Files.createDirectories(cd.resolve("DICOM/ST" + st + "/SE" + se));
                for (int i = 1; i <= 3; i++) {
                    Files.write(folder.resolve("IM" + i), DicomFileWriter.write(new DicomFileWriter.Instance("CD-" + st, "Dropped^Patient" + st,
                            study, series, Uids.random(), "20250401", "From a CD", "CT", se, i, 64, 64)));
                }
            }
        }
        try (InputStream dicomdir = UploadFlowIT.class.getResourceAsStream("/dicom/dcmmkdir-DICOMDIR")) {
            Files.copy(dicomdir, cd.resolve("DICOMDIR"));
        }
        Files.writeString(cd.resolve("AUTORUN.INF"), "[autorun]\nopen=viewer.exe\n");

        MainView main = openMain(robot, album, UploadEngine.Settings.defaults());

        robot.interact(() -> main.albumsView().dropFiles(List.of(cd), album));
        waitUntil(() -> robot.lookup("#uploadSummary").tryQuery().isPresent()
                && robot.lookup("#uploadSummary").queryAs(Label.class).getText().startsWith("12 DICOM files in 2 studies"));
        String summary = robot.lookup("#uploadSummary").queryAs(Label.class).getText();
        assertThat(summary).contains("2 files will not be sent").contains("DICOMDIR").contains("not a DICOM file");
        TableView<?> studies = robot.lookup("#uploadStudies").queryTableView();
        assertThat(studies.getItems()).hasSize(2);
        assertThat(robot.lookup("#uploadAlbum").queryAs(ComboBox.class).getValue()).isEqualTo(album);

        robot.clickOn("#startUpload");
        waitUntil(() -> robot.lookup("#uploadReport").queryAs(Label.class).getText().startsWith("Stored: 12"));
        assertThat(robot.lookup("#uploadReport").queryAs(Label.class).getText()).contains("failed: 0").contains("not DICOM: 2");
        robot.clickOn("#closeUpload");

        TableView<StudySummary> table = robot.lookup("#studyTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 2);
        assertThat(table.getItems()).allSatisfy(s -> assertThat(s.instanceCount()).isEqualTo(6));

        // the same CD again: everything is already in the album, nothing is sent
        robot.interact(() -> main.albumsView().dropFiles(List.of(cd), album));
        waitUntil(() -> robot.lookup("#startUpload").tryQuery().isPresent() && !robot.lookup("#startUpload").queryButton().isDisabled());
        robot.clickOn("#startUpload");
        waitUntil(() -> robot.lookup("#uploadReport").queryAs(Label.class).getText().startsWith("Stored: 0 · already in the album: 12"));
        robot.clickOn("#closeUpload");
    }

    @Test
    void aPausedUploadResumesAndSendsOnlyTheRest(FxRobot robot, @TempDir Path drop) throws Exception {
        AlbumView album = StackData.album("alice", "Paused drop");
        String study = Uids.random();
        String series = Uids.random();
        for (int i = 1; i <= FILES; i++) {
            Files.write(drop.resolve("IM" + i), DicomFileWriter.write(new DicomFileWriter.Instance("PAUSE-1", "Paused^Patient",
                    study, series, Uids.random(), "20250402", "Paused then resumed", "MR", 1, i, 256, 256)));
        }
        // one file per request, one request at a time: slow enough to pause in the middle
        MainView main = openMain(robot, album, new UploadEngine.Settings(1, 64L << 20, 1, 3, java.time.Duration.ofSeconds(1)));
        robot.interact(() -> main.albumsView().dropFiles(List.of(drop), album));
        waitUntil(() -> robot.lookup("#startUpload").tryQuery().isPresent() && !robot.lookup("#startUpload").queryButton().isDisabled());
        assertThat(text(robot, "#uploadSummary")).startsWith(FILES + " DICOM files in 1 study, ");
        robot.clickOn("#startUpload");
        waitUntil(() -> filesDone(robot) >= 10);
        assertThat(statusOfFirstStudy(robot)).startsWith("Sending · ");
        robot.clickOn("#pauseUpload");
        waitUntil(() -> robot.lookup("#resumeUpload").queryButton().isVisible());
        String paused = text(robot, "#uploadProgressText");
        assertThat(paused).startsWith("Paused: ").endsWith("of " + FILES + " files are in the album. Resume sends the rest only.");
        int inAlbumWhenPaused = Integer.parseInt(paused.replaceAll("^Paused: (\\d+) of.*", "$1"));
        assertThat(inAlbumWhenPaused).isBetween(10, FILES - 1);
        assertThat(statusOfFirstStudy(robot)).isEqualTo("Stopped · " + inAlbumWhenPaused + "/" + FILES);
        assertThat(robot.lookup("#pauseUpload").queryButton().isVisible()).isFalse();
        Screenshots.save(robot.lookup("#uploadStudies").query().getScene().getWindow(), "upload-paused.png");

        robot.clickOn("#resumeUpload");
        try {
            waitUntil(() -> text(robot, "#uploadReport").startsWith("Stored: "));
        } catch (TimeoutException e) {
            throw new AssertionError("after Resume: progress '" + text(robot, "#uploadProgressText") + "', report '" + text(robot, "#uploadReport")
                    + "', study '" + statusOfFirstStudy(robot) + "'", e);
        }
        assertThat(text(robot, "#uploadReport")).startsWith("Stored: " + FILES + " · already in the album: 0 · failed: 0");
        assertThat(statusOfFirstStudy(robot)).isEqualTo("In the album ✓");
        Screenshots.save(robot.lookup("#uploadStudies").query().getScene().getWindow(), "upload-done.png");
        // the server's history counts what came over the wire: each file once (the one cut by the pause at most twice)
        assertThat(StackData.uploadedInstances("alice", album.id())).isBetween(FILES, FILES + 1);
        robot.clickOn("#closeUpload");
        TableView<StudySummary> table = robot.lookup("#studyTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 1 && table.getItems().get(0).instanceCount() == FILES);
    }

    private MainView openMain(FxRobot robot, AlbumView album, UploadEngine.Settings uploadSettings) throws TimeoutException {
        robot.interact(() -> new AppWiring(AppSettings.load("org/orthancalbums/desktop-tests"), url -> {
            throw new IllegalStateException("no browser login here");
        }, uploadSettings).showMain(stage, Stack.albumsUrl().toString(), new PasswordSession("alice")));
        robot.interact(stage::show);
        waitUntil(() -> stage.getScene().getRoot() instanceof MainView view
                && view.albumsView().list().getItems().stream().anyMatch(a -> a.id().equals(album.id())));
        MainView main = (MainView) stage.getScene().getRoot();
        robot.interact(() -> main.albumsView().list().getItems().stream().filter(a -> a.id().equals(album.id())).findFirst()
                .ifPresent(a -> main.albumsView().list().getSelectionModel().select(a)));
        return main;
    }

    private static int filesDone(FxRobot robot) {
        String progress = text(robot, "#uploadProgressText");
        return progress.matches("^\\d+ of .*") ? Integer.parseInt(progress.substring(0, progress.indexOf(' '))) : 0;
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** The Status cell of the upload window's first study row, as shown. */
    private static String statusOfFirstStudy(FxRobot robot) {
        TableView<?> studies = robot.lookup("#uploadStudies").queryTableView();
        return studies.getColumns().stream().filter(c -> "uploadStudyStatus".equals(c.getId())).findFirst().orElseThrow()
                .getCellData(0).toString();
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }
}
