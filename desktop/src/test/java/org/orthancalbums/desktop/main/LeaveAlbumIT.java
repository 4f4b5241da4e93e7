package org.orthancalbums.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Leave" is offered only when the server would let the user go: never to an album's only owner, who is told why. */
@ExtendWith(ApplicationExtension.class)
class LeaveAlbumIT {
    private static final String BOB = "b0b00000-0000-4000-8000-000000000002";
    private static AlbumView alone;
    private static AlbumView sharedWithBob;
    private static AlbumView twoOwners;

    @BeforeAll
    static void data() throws Exception {
        alone = StackData.album("alice", "Leave: alice alone");
        sharedWithBob = StackData.album("alice", "Leave: bob views");
        StackData.client("alice").setMember(sharedWithBob.id(), BOB, AlbumRole.VIEWER);
        twoOwners = StackData.album("alice", "Leave: two owners");
        StackData.client("alice").setMember(twoOwners.id(), BOB, AlbumRole.OWNER);
    }

    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void english() {
        I18n.use(Locale.ENGLISH);
    }

    @Test
    void theOnlyOwnerCannotLeaveAndIsToldWhyInFrench(FxRobot robot) throws Exception {
        MainWindow main = open(robot, "alice", "fr", alone);
        assertThat(leave(robot).isDisabled()).isTrue();
        assertThat(tooltip(robot)).startsWith("Quitter — Vous êtes le seul propriétaire de cet album");

        main.selectAlbum(sharedWithBob); // one owner among two members: the members list says so
        MainWindow.waitUntil(() -> tooltip(robot).startsWith("Quitter — Vous êtes le seul propriétaire"));
        assertThat(leave(robot).isDisabled()).isTrue();

        main.selectAlbum(twoOwners);
        MainWindow.waitUntil(() -> !leave(robot).isDisabled());
        assertThat(tooltip(robot)).isEqualTo("Quitter");
    }

    @Test
    void aViewerMayLeave(FxRobot robot) throws Exception {
        open(robot, "bob", "en", sharedWithBob);
        MainWindow.waitUntil(() -> !leave(robot).isDisabled());
        assertThat(leave(robot).getText()).isEqualTo("Leave");
    }

    @Test
    void leavingAsksFirstAndCancelKeepsTheAlbum(FxRobot robot) throws Exception {
        AlbumView leaving = StackData.album("alice", "Leave: bob goes");
        StackData.client("alice").setMember(leaving.id(), BOB, AlbumRole.VIEWER);
        open(robot, "bob", "fr", leaving);
        MainWindow.waitUntil(() -> !leave(robot).isDisabled());

        robot.clickOn(leave(robot));
        MainWindow.waitUntil(() -> robot.lookup(".alert").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(robot.lookup(".alert").query().getScene().getWindow(), "leave-album-fr.png");
        assertThat(robot.lookup(".alert .content").queryLabeled().getText()).isEqualTo(I18n.t("album.leave.confirm", leaving.name()));
        assertThat(robot.lookup(".alert .button").queryAllAs(Button.class)).extracting(Button::getText)
                .containsExactlyInAnyOrder(I18n.t("album.leave"), I18n.t("dialog.cancel"));
        robot.type(KeyCode.ESCAPE);
        assertThat(StackData.client("bob").albums()).anyMatch(a -> a.id().equals(leaving.id()));

        robot.clickOn(leave(robot));
        MainWindow.waitUntil(() -> robot.lookup(".alert").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".alert .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals(I18n.t("album.leave"))).findFirst().orElseThrow());
        MainWindow.waitUntil(() -> robot.lookup("#albumList").queryListView().getItems().stream()
                .noneMatch(a -> ((AlbumView) a).id().equals(leaving.id())));
        assertThat(StackData.client("bob").albums()).noneMatch(a -> a.id().equals(leaving.id()));
    }

    /** The app as {@code user} in {@code language} (its setting), at {@code album}. */
    private MainWindow open(FxRobot robot, String user, String language, AlbumView album) throws Exception {
        MainWindow main = MainWindow.open(robot, stage, MainWindow.wiring("leave", language), user);
        main.selectAlbum(album);
        return main;
    }

    private static Button leave(FxRobot robot) {
        return robot.lookup("#leaveAlbum").queryButton();
    }

    /** What hovering the (icon) button says: its name, and why not when it is disabled. */
    private static String tooltip(FxRobot robot) {
        Node wrapper = robot.lookup("#leaveAlbumReason").query();
        Tooltip tooltip = (Tooltip) wrapper.getProperties().get("javafx.scene.control.Tooltip");
        return tooltip == null || tooltip.getText() == null ? "" : tooltip.getText();
    }
}
