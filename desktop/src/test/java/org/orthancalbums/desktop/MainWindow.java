package org.orthancalbums.desktop;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.login.Session;
import org.orthancalbums.desktop.main.MainView;
import org.orthancalbums.desktop.settings.AppSettings;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The main window driven by a UI test: open it as a demo user, pick an album, a study, find the windows it opens. */
public final class MainWindow {
    private final FxRobot robot;

    private MainWindow(FxRobot robot) {
        this.robot = robot;
    }

    /** Opens the main window on {@code stage} as {@code user} through {@code wiring}, and waits until it shows. */
    public static MainWindow open(FxRobot robot, Stage stage, AppWiring wiring, String user) throws TimeoutException {
        return open(robot, stage, wiring, new PasswordSession(user));
    }

    /** Opens the main window on {@code stage} for this session through {@code wiring}, and waits until it shows. */
    public static MainWindow open(FxRobot robot, Stage stage, AppWiring wiring, Session session) throws TimeoutException {
        robot.interact(() -> {
            wiring.showMain(stage, Stack.albumsUrl().toString(), session);
            stage.show();
        });
        // the new window is laid out (its split pane's skin made) one pulse after it becomes the root
        waitUntil(() -> stage.getScene().getRoot() instanceof MainView && robot.lookup("#albumList").tryQuery().isPresent());
        return new MainWindow(robot);
    }

    /** The app with its own settings node in the tests' preferences, speaking {@code language} ("en", "fr"); no browser login. */
    public static AppWiring wiring(String settingsNode, String language) {
        AppSettings settings = AppSettings.load("org/orthancalbums/desktop-tests/" + settingsNode);
        settings.setLanguage(language);
        return new AppWiring(settings, url -> {
            throw new IllegalStateException("these tests log in without a browser");
        });
    }

    /** Opens the main window as {@code user} with the tests' settings, and selects {@code album}. */
    public static MainWindow openAt(FxRobot robot, Stage stage, String user, AlbumView album) throws TimeoutException {
        MainWindow main = open(robot, stage, new AppWiring(AppSettings.load("org/orthancalbums/desktop-tests"), url -> {
            throw new IllegalStateException("these tests log in without a browser");
        }), user);
        main.selectAlbum(album);
        return main;
    }

    public void selectAlbum(AlbumView album) throws TimeoutException {
        ListView<AlbumView> albums = robot.lookup("#albumList").queryListView();
        waitUntil(() -> albums.getItems().stream().anyMatch(a -> a.id().equals(album.id())));
        robot.interact(() -> albums.getItems().stream().filter(a -> a.id().equals(album.id())).findFirst()
                .ifPresent(a -> albums.getSelectionModel().select(a)));
        waitUntil(() -> album.name().equals(robot.lookup("#albumTitle").queryAs(Label.class).getText()));
    }

    /** Selects the study whose row shows {@code patient} ("Family, Given"), once the album's studies are loaded. */
    public void selectStudy(String patient, int studiesInAlbum) throws TimeoutException {
        TableView<?> table = robot.lookup("#studyTable").queryTableView();
        waitUntil(() -> table.getItems().size() == studiesInAlbum && !robot.lookup("#busy").query().isVisible());
        waitUntil(() -> {
            var cell = robot.lookup(".table-cell").lookup((Labeled l) -> patient.equals(l.getText())).tryQuery();
            if (cell.isEmpty()) {
                return false;
            }
            robot.clickOn(cell.get());
            return table.getSelectionModel().getSelectedItems().size() == 1
                    && String.valueOf(table.getSelectionModel().getSelectedItem()).contains(patient.substring(0, patient.indexOf(',')));
        });
    }

    /** The window (other than the main one) that holds a node with this id, once it shows. */
    public Window windowWith(String id) throws TimeoutException {
        waitUntil(() -> robot.lookup(id).tryQuery().isPresent());
        return robot.lookup(id).query().getScene().getWindow();
    }

    public String text(String id) {
        return robot.lookup(id).tryQuery().map(node -> ((Labeled) node).getText()).orElse("");
    }

    /** Whether the details pane shows a rendered thumbnail for at least one series of the selected study. */
    public static boolean seriesThumbnailShown(FxRobot robot) throws Exception {
        // on the FX thread: the list's cells change while the thumbnails arrive
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#seriesList .series-thumbnail").queryAll().stream()
                .anyMatch(node -> ((javafx.scene.image.ImageView) node).getImage() != null)).get();
    }

    public static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }
}
