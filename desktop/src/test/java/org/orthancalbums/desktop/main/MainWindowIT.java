package org.orthancalbums.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window, driven like a person would, against the real stack. */
@ExtendWith(ApplicationExtension.class)
class MainWindowIT {
    private static final String BOB = "b0b00000-0000-4000-8000-000000000002";
    private static AlbumView alicesAlbum;
    private static AlbumView bobsAlbum;

    @BeforeAll
    static void data() throws IOException {
        I18n.use(Locale.ENGLISH);
        alicesAlbum = StackData.album("alice", "Cardiac UI");
        StackData.study(alicesAlbum, "Durand^Marie", "Cardiac MRI", 3);
        StackData.study(alicesAlbum, "Martin^Paul", "Cardiac CT angiography", 2);
        StackData.study(alicesAlbum, "Bernard^Luc", "Knee MRI", 1);
        bobsAlbum = StackData.album("bob", "Bob private UI");
    }

    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    /** Opens the main window as {@code user} and waits for it (it shows a "loading" pane first). */
    private void open(FxRobot robot, String user) throws TimeoutException {
        MainWindow.open(robot, stage, new AppWiring(AppSettings.load("org/orthancalbums/desktop-tests"), url -> {
            throw new IllegalStateException("these tests log in without a browser");
        }), user);
    }

    @Test
    void aliceSeesHerAlbumsOnlyCreatesAndRenamesOne(FxRobot robot) throws Exception {
        open(robot, "alice");
        ListView<AlbumView> albums = robot.lookup("#albumList").queryListView();
        waitUntil(() -> albums.getItems().stream().anyMatch(a -> a.id().equals(alicesAlbum.id())));
        assertThat(albums.getItems()).noneMatch(a -> a.id().equals(bobsAlbum.id()));
        assertThat(robot.lookup("#userName").queryAs(Label.class).getText()).isEqualTo("Alice Martin");

        robot.clickOn("#newAlbum");
        robot.clickOn("#albumNameField").write("Echo teaching set");
        robot.clickOn("#albumDescriptionField").write("for the residents");
        robot.clickOn("Save");
        waitUntil(() -> "Echo teaching set".equals(robot.lookup("#albumTitle").queryAs(Label.class).getText()));
        assertThat(albums.getItems()).anyMatch(a -> a.name().equals("Echo teaching set") && a.role() == AlbumRole.OWNER);

        robot.clickOn("#renameAlbum");
        robot.doubleClickOn("#albumNameField").eraseText(40).write("Echo teaching set 2025");
        robot.clickOn("Save");
        waitUntil(() -> "Echo teaching set 2025".equals(robot.lookup("#albumTitle").queryAs(Label.class).getText()));
        assertThat(albums.getItems()).anyMatch(a -> a.name().equals("Echo teaching set 2025"));
    }

    @Test
    void anAlbumShowsItsStudiesAndSearchFiltersThem(FxRobot robot) throws Exception {
        open(robot, "alice");
        selectAlbum(robot, alicesAlbum);
        TableView<StudySummary> table = robot.lookup("#studyTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 3);
        assertThat(table.getItems()).extracting(StudySummary::patientName)
                .containsExactlyInAnyOrder("Durand^Marie", "Martin^Paul", "Bernard^Luc");
        assertThat(table.getItems()).filteredOn(s -> s.patientName().equals("Durand^Marie")).singleElement()
                .satisfies(s -> assertThat(s.instanceCount()).isEqualTo(3));
        assertThat(robot.lookup("#pageText").queryAs(Label.class).getText()).isEqualTo("1–3 of 3");

        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        assertThat(robot.lookup("#studySearch").query().isFocused()).isTrue();
        robot.write("cardiac").type(KeyCode.ENTER); // Enter searches at once instead of after the typing pause
        waitUntil(() -> table.getItems().size() == 2);
        assertThat(table.getItems()).extracting(StudySummary::studyDescription).allMatch(d -> d.startsWith("Cardiac"));

        robot.eraseText(7).write("bernard").type(KeyCode.ENTER);
        waitUntil(() -> table.getItems().size() == 1);
        clickRow(robot, "Bernard, Luc");
        try {
            waitUntil(() -> MainWindow.seriesThumbnailShown(robot) && robot.lookup("#seriesList").queryListView().getItems().size() == 1);
        } catch (TimeoutException e) {
            throw new AssertionError("details: thumbnail " + MainWindow.seriesThumbnailShown(robot) + ", series " + robot.lookup("#seriesList").queryListView().getItems()
                    + ", selected " + table.getSelectionModel().getSelectedItems() + ", problem " + robot.lookup("#problem").queryAs(Label.class).getText());
        }
        robot.clickOn("#studySearch").eraseText(7).type(KeyCode.ENTER);
        waitUntil(() -> table.getItems().size() == 3);
        clickRow(robot, "Durand, Marie");
        waitUntil(() -> MainWindow.seriesThumbnailShown(robot));
        Screenshots.save(stage, "main-window.png");
    }

    @Test
    void bobSeesAlicesAlbumOnlyOnceSharedAndAsViewerCannotRemoveStudies(FxRobot robot) throws Exception {
        AlbumView shared = StackData.album("alice", "Shared with bob UI");
        StackData.study(shared, "Petit^Anne", "Brain MRI", 1);
        open(robot, "bob");
        ListView<AlbumView> albums = robot.lookup("#albumList").queryListView();
        waitUntil(() -> albums.getItems().stream().anyMatch(a -> a.id().equals(bobsAlbum.id())));
        assertThat(albums.getItems()).noneMatch(a -> a.id().equals(shared.id()));

        StackData.client("alice").setMember(shared.id(), BOB, AlbumRole.VIEWER);
        robot.type(KeyCode.F5);
        waitUntil(() -> albums.getItems().stream().anyMatch(a -> a.id().equals(shared.id())));
        selectAlbum(robot, shared);
        TableView<StudySummary> table = robot.lookup("#studyTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 1);
        clickRow(robot, "Petit, Anne");
        Button remove = robot.lookup("#removeStudies").queryButton();
        assertThat(remove.isDisabled()).isTrue();
        assertThat(robot.lookup("#renameAlbum").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#deleteAlbum").queryButton().isDisabled()).isTrue();
        robot.type(KeyCode.DELETE);
        assertThat(table.getItems()).hasSize(1);
    }

    /**
     * Clicks the table cell showing {@code text} once nothing is loading and the table has drawn it; the
     * cell is looked up again right before the click, as a redraw replaces cells.
     */
    private static void clickRow(FxRobot robot, String text) throws TimeoutException {
        TableView<?> table = robot.lookup("#studyTable").queryTableView();
        waitUntil(() -> {
            if (robot.lookup("#busy").query().isVisible()) {
                return false;
            }
            var cell = robot.lookup(".table-cell").lookup((javafx.scene.control.Labeled l) -> text.equals(l.getText())).tryQuery();
            if (cell.isEmpty()) {
                return false;
            }
            robot.clickOn(cell.get());
            return table.getSelectionModel().getSelectedItems().size() == 1
                    && String.valueOf(table.getSelectionModel().getSelectedItem()).contains(text.substring(0, text.indexOf(',')));
        });
    }

    @Test
    void aliceSharesAnAlbumWithCarolAsEditorFromTheShareWindow(FxRobot robot) throws Exception {
        AlbumView album = StackData.album("alice", "Share UI");
        open(robot, "alice");
        selectAlbum(robot, album);
        robot.clickOn("#shareAlbum");
        waitUntil(() -> robot.lookup("#members").tryQuery().isPresent() && robot.lookup("#members").queryListView().getItems().size() == 1);
        robot.clickOn("#shareSearch").write("carol");
        waitUntil(() -> robot.lookup("#shareFound").queryListView().getItems().size() == 1);
        robot.interact(() -> {
            robot.lookup("#shareFound").queryListView().getSelectionModel().select(0);
            robot.lookup("#shareRole").queryComboBox().getSelectionModel().select(AlbumRole.EDITOR);
        });
        robot.clickOn("#shareAdd");
        waitUntil(() -> robot.lookup("#members").queryListView().getItems().size() == 2);
        assertThat(robot.lookup("#shareMessage").queryAs(Label.class).getText()).isEqualTo("Carol Nguyen is now editor of this album.");
        assertThat(StackData.client("carol").albums()).anySatisfy(a -> {
            assertThat(a.id()).isEqualTo(album.id());
            assertThat(a.role()).isEqualTo(AlbumRole.EDITOR);
        });
    }

    @Test
    void theLanguageSettingSwitchesTheWindowToFrenchAndBack(FxRobot robot) throws Exception {
        open(robot, "alice");
        waitUntil(() -> robot.lookup("#language").tryQuery().isPresent());
        try {
            robot.interact(() -> robot.lookup("#language").queryComboBox().getSelectionModel().select("fr"));
            waitUntil(() -> buttonText(robot, "#newAlbum").equals("Nouvel album"));
            assertThat(robot.lookup("#logout").queryButton().getText()).isEqualTo("Se déconnecter");
            assertThat(robot.lookup("#userName").queryAs(Label.class).getText()).isEqualTo("Alice Martin");
        } finally {
            robot.interact(() -> robot.lookup("#language").queryComboBox().getSelectionModel().select("en"));
            waitUntil(() -> buttonText(robot, "#newAlbum").equals("New album"));
        }
    }

    /** The button's text, or "" while the window is being rebuilt and the button is not there. */
    private static String buttonText(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(node -> ((Button) node).getText()).orElse("");
    }

    private static void selectAlbum(FxRobot robot, AlbumView album) throws TimeoutException {
        ListView<AlbumView> albums = robot.lookup("#albumList").queryListView();
        waitUntil(() -> albums.getItems().stream().anyMatch(a -> a.id().equals(album.id())));
        robot.interact(() -> albums.getItems().stream().filter(a -> a.id().equals(album.id())).findFirst()
                .ifPresent(a -> albums.getSelectionModel().select(a)));
        waitUntil(() -> album.name().equals(robot.lookup("#albumTitle").queryAs(Label.class).getText()));
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }
}
