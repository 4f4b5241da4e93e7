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
 * counts, upload, the album shows the new studies; dropped again, nothing is sent twice.
 */
@ExtendWith(ApplicationExtension.class)
class UploadFlowIT {
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

        robot.interact(() -> new AppWiring(AppSettings.load("org/orthancalbums/desktop-tests"), url -> {
            throw new IllegalStateException("no browser login here");
        }).showMain(stage, Stack.albumsUrl().toString(), new PasswordSession("alice")));
        robot.interact(stage::show);
        waitUntil(() -> stage.getScene().getRoot() instanceof MainView view
                && view.albumsView().list().getItems().stream().anyMatch(a -> a.id().equals(album.id())));
        MainView main = (MainView) stage.getScene().getRoot();
        robot.interact(() -> main.albumsView().list().getItems().stream().filter(a -> a.id().equals(album.id())).findFirst()
                .ifPresent(a -> main.albumsView().list().getSelectionModel().select(a)));

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

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }
}
