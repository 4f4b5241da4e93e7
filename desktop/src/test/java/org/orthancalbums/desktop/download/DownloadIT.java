package org.orthancalbums.desktop.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.desktop.MainWindow.waitUntil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Downloads compared file by file with what was uploaded: a study into patient / study / series
 * folders, the whole album into one ZIP; and downloads cut in the middle, then resumed, fetching
 * only what was not there (a cancel in the folder form; a cancel then a crash-like cut ZIP).
 */
@ExtendWith(ApplicationExtension.class)
class DownloadIT {
    private static final int MANY = 120;
    private static AlbumView small;
    private static AlbumView large;
    /** Expected relative path → the bytes uploaded for it. */
    private static final Map<String, byte[]> LIVER = new TreeMap<>();
    private static final Map<String, byte[]> KNEE = new TreeMap<>();
    private static final Map<String, byte[]> BIG = new TreeMap<>();
    private static String liverPatient;
    private Stage stage;

    @BeforeAll
    static void data() throws IOException {
        I18n.use(Locale.ENGLISH);
        small = StackData.album("alice", "Download");
        liverPatient = upload(small, "Durand^Marie", "Liver CT", new int[] {3, 2}, 32, LIVER);
        upload(small, "Martin^Paul", "Knee MRI", new int[] {4}, 32, KNEE);
        small = refreshed(small);
        large = StackData.album("alice", "Large download");
        upload(large, "Grand^Jean", "Whole body CT", new int[] {MANY}, 160, BIG);
        large = refreshed(large);
    }

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @Test
    void aStudyDownloadsIntoFoldersAndTheAlbumIntoOneZip(FxRobot robot, @TempDir Path folder) throws Exception {
        MainWindow main = MainWindow.openAt(robot, stage, "alice", small);
        main.selectStudy("Durand, Marie", 2);
        robot.clickOn("#downloadStudy");
        Window window = main.windowWith("#startDownload");
        start(robot, folder, false);
        waitUntil(() -> main.text("#downloadReport").startsWith("Fetched: 5 · already there: 0 · failed: 0 · not fetched: 0"));
        assertThat(main.text("#downloadReport")).endsWith(" — in " + folder);
        assertThat(tree(folder)).isEqualTo(paths(LIVER));
        assertSameBytes(folder, LIVER);
        assertThat(tree(folder)).startsWith("Durand, Marie (" + liverPatient + ")/2025-03-12 Liver CT/1 CT Series 1/0001.dcm")
                .endsWith("Durand, Marie (" + liverPatient + ")/2025-03-12 Liver CT/2 CT Series 2/0002.dcm");
        Screenshots.save(window, "download-study.png");
        robot.clickOn("#closeDownload");

        // the same again: everything is there, nothing is fetched
        robot.clickOn("#downloadStudy");
        main.windowWith("#startDownload");
        start(robot, folder, false);
        waitUntil(() -> main.text("#downloadReport").startsWith("Fetched: 0 · already there: 5 · failed: 0"));
        robot.clickOn("#closeDownload");

        robot.clickOn("#downloadAlbum");
        main.windowWith("#startDownload");
        start(robot, folder, true);
        waitUntil(() -> main.text("#downloadReport").startsWith("Fetched: 9 · already there: 0 · failed: 0 · not fetched: 0"));
        Path zip = folder.resolve(small.name() + ".zip");
        Map<String, byte[]> both = new TreeMap<>(LIVER);
        both.putAll(KNEE);
        assertThat(zipEntries(zip).keySet()).isEqualTo(both.keySet());
        zipEntries(zip).forEach((path, bytes) -> assertThat(bytes).as(path).isEqualTo(both.get(path)));
        assertThat(Files.exists(folder.resolve(small.name() + ".zip.part"))).isFalse();
        robot.clickOn("#closeDownload");
    }

    @Test
    void aCancelledDownloadIntoFoldersResumesWithoutFetchingAnythingTwice(FxRobot robot, @TempDir Path folder) throws Exception {
        MainWindow main = MainWindow.openAt(robot, stage, "alice", large);
        main.selectStudy("Grand, Jean", 1);
        robot.clickOn("#downloadStudy");
        Window window = main.windowWith("#startDownload");
        cancelAtTenPercent(robot);
        start(robot, folder, false);
        waitUntil(() -> robot.lookup("#resumeDownload").query().isVisible());
        int fetchedFirst = count(main.text("#downloadReport"), "Fetched: ");
        assertThat(fetchedFirst).isBetween(1, MANY - 1);
        assertThat(count(main.text("#downloadReport"), "not fetched: ")).isEqualTo(MANY - fetchedFirst);
        assertThat(main.text("#downloadReport")).contains("Cancelled. Resume fetches only the files not there yet.");
        assertThat(tree(folder)).hasSize(fetchedFirst).allMatch(p -> p.endsWith(".dcm"));
        Screenshots.save(window, "download-cancelled.png");

        robot.clickOn("#resumeDownload");
        waitUntil(() -> main.text("#downloadReport").startsWith("Fetched: "));
        assertThat(main.text("#downloadReport"))
                .startsWith("Fetched: " + (MANY - fetchedFirst) + " · already there: " + fetchedFirst + " · failed: 0 · not fetched: 0");
        assertThat(tree(folder)).isEqualTo(paths(BIG));
        assertSameBytes(folder, BIG);
        robot.clickOn("#closeDownload");
    }

    @Test
    void aZipCutByACancelAndACrashIsFinishedWithItsCompleteEntriesKept(FxRobot robot, @TempDir Path folder) throws Exception {
        MainWindow main = MainWindow.openAt(robot, stage, "alice", large);
        robot.clickOn("#downloadAlbum");
        main.windowWith("#startDownload");
        cancelAtTenPercent(robot);
        start(robot, folder, true);
        waitUntil(() -> robot.lookup("#resumeDownload").query().isVisible());
        int fetchedFirst = count(main.text("#downloadReport"), "Fetched: ");
        assertThat(fetchedFirst).isBetween(1, MANY - 1);
        Path zip = folder.resolve(large.name() + ".zip");
        Path part = folder.resolve(large.name() + ".zip.part");
        assertThat(zip).doesNotExist();
        assertThat(zipEntries(part)).hasSizeBetween(fetchedFirst, fetchedFirst + 1); // plus the entry the cancel cut short

        // then the computer crashed while writing: the end of the file is gone, its directory with it
        byte[] cut = Files.readAllBytes(part);
        Files.write(part, java.util.Arrays.copyOf(cut, cut.length * 2 / 3));
        int survived = (int) zipEntries(part).entrySet().stream().filter(e -> java.util.Arrays.equals(e.getValue(), BIG.get(e.getKey()))).count();
        assertThat(survived).isPositive();

        robot.clickOn("#resumeDownload");
        waitUntil(() -> main.text("#downloadReport").startsWith("Fetched: "));
        int kept = count(main.text("#downloadReport"), "already there: ");
        assertThat(kept).isEqualTo(survived);
        assertThat(main.text("#downloadReport")).startsWith("Fetched: " + (MANY - kept) + " · already there: " + kept + " · failed: 0 · not fetched: 0");
        Map<String, byte[]> entries = zipEntries(zip);
        assertThat(entries.keySet()).isEqualTo(BIG.keySet());
        entries.forEach((path, bytes) -> assertThat(bytes).as(path).isEqualTo(BIG.get(path)));
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly(large.name() + ".zip");
        }
        robot.clickOn("#closeDownload");
    }


    private static void start(FxRobot robot, Path folder, boolean zip) {
        robot.interact(() -> robot.lookup("#downloadFolder").queryAs(TextField.class).setText(folder.toString()));
        robot.clickOn(zip ? "#downloadAsZip" : "#downloadAsFolders");
        robot.clickOn("#startDownload");
    }

    /** Presses Cancel, on the UI thread, once a tenth of the bytes are there: in the middle, whatever the machine's speed. */
    private static void cancelAtTenPercent(FxRobot robot) {
        ProgressBar bar = robot.lookup("#downloadProgress").queryAs(ProgressBar.class);
        Button cancel = robot.lookup("#cancelDownload").queryButton();
        boolean[] pressed = {false};
        robot.interact(() -> bar.progressProperty().addListener((o, old, now) -> {
            if (!pressed[0] && now.doubleValue() >= 0.1 && now.doubleValue() < 1) {
                pressed[0] = true;
                cancel.fire();
            }
        }));
    }

    private static int count(String report, String label) {
        int at = report.indexOf(label) + label.length();
        return Integer.parseInt(report.substring(at).replaceAll("^(\\d+).*", "$1").replaceAll("(?s)\\D.*", ""));
    }

    /** Uploads a study through the app's album route (as the app does); records each file under the path the download must give it. */
    private static String upload(AlbumView album, String patientName, String description, int[] seriesSizes, int pixels,
                                 Map<String, byte[]> expected) throws IOException {
        String patientId = "DL-" + Uids.random().substring(32);
        String study = Uids.random();
        List<byte[]> files = new ArrayList<>();
        for (int s = 0; s < seriesSizes.length; s++) {
            String series = Uids.random();
            for (int i = 1; i <= seriesSizes[s]; i++) {
                byte[] dicom = DicomFileWriter.write(new DicomFileWriter.Instance(patientId, patientName, study, series, Uids.random(),
                        "20250312", description, "CT", s + 1, i, pixels, pixels));
                files.add(dicom);
                expected.put(org.orthancalbums.desktop.DicomText.personName(patientName) + " (" + patientId + ")/2025-03-12 " + description
                        + "/" + (s + 1) + " CT Series " + (s + 1) + "/" + String.format("%04d.dcm", i), dicom);
            }
        }
        int status = StackData.stow(Stack.albumsUrl().resolve("/api/albums/" + album.id() + "/dicom-web/studies").toString(),
                "Bearer " + Stack.accessToken("alice"), files);
        assertThat(status).isEqualTo(200);
        return patientId;
    }

    private static AlbumView refreshed(AlbumView album) throws IOException {
        return StackData.client("alice").albums().stream().filter(a -> a.id().equals(album.id())).findFirst().orElseThrow();
    }

    private static List<String> paths(Map<String, byte[]> expected) {
        return new ArrayList<>(expected.keySet());
    }

    /** Every file under the folder, as sorted "/"-separated relative paths. */
    private static List<String> tree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            List<String> paths = new ArrayList<>(files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".zip"))
                    .map(p -> folder.relativize(p).toString().replace('\\', '/')).toList());
            Collections.sort(paths);
            return paths;
        }
    }

    private static void assertSameBytes(Path folder, Map<String, byte[]> expected) throws IOException {
        for (Map.Entry<String, byte[]> file : expected.entrySet()) {
            assertThat(Files.readAllBytes(folder.resolve(file.getKey()))).as(file.getKey()).isEqualTo(file.getValue());
        }
    }

    /** The entries a ZIP reader gets from the file, in order, up to where the file is cut. */
    private static Map<String, byte[]> zipEntries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            // a cut file ends here
        }
        return entries;
    }
}
