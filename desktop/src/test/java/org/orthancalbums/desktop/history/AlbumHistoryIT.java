package org.orthancalbums.desktop.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.desktop.MainWindow.waitUntil;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.EventView;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** An album's activity after renames, an upload, an upload key made and revoked, and a share: sentences, newest first, paged, in English and French. */
@ExtendWith(ApplicationExtension.class)
class AlbumHistoryIT {
    private static final String BOB = "b0b00000-0000-4000-8000-000000000002";
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
    void theActivityTellsWhatHappenedNewestFirstPageByPage(FxRobot robot) throws Exception {
        I18n.use(Locale.ENGLISH);
        AlbumView album = StackData.album("alice", "History");
        AlbumsClient alice = StackData.client("alice");
        for (int i = 1; i <= 20; i++) {
            alice.updateAlbum(album.id(), album.name() + " v" + i, null);
        }
        String study = Uids.random();
        String series = Uids.random();
        assertThat(StackData.stow(Stack.albumsUrl().resolve("/api/albums/" + album.id() + "/dicom-web/studies").toString(),
                "Bearer " + Stack.accessToken("alice"), List.of(
                        StackData.instance("HIST-1", "Histoire^Anne", study, series, 1, 1, "Chest CT"),
                        StackData.instance("HIST-1", "Histoire^Anne", study, series, 1, 2, "Chest CT"),
                        StackData.instance("HIST-1", "Histoire^Anne", study, series, 1, 3, "Chest CT")))).isEqualTo(200);
        var key = alice.createToken(album.id(), "upload", 3600, null, false);
        alice.revokeToken(album.id(), key.id());
        alice.setMember(album.id(), BOB, AlbumRole.VIEWER);
        AlbumView renamed = alice.albums().stream().filter(a -> a.id().equals(album.id())).findFirst().orElseThrow();

        MainWindow main = MainWindow.openAt(robot, stage, "alice", renamed);
        robot.clickOn("#albumHistory");
        Window window = main.windowWith("#historyList");
        ListView<EventView> events = robot.lookup("#historyList").queryListView();
        waitUntil(() -> events.getItems().size() == HistoryModel.PAGE_SIZE);
        List<String> sentences = events.getItems().stream().map(EventSentences::sentence).toList();
        assertThat(sentences.get(0)).isEqualTo("Alice Martin shared the album with bob as viewer.");
        assertThat(sentences.get(1)).isEqualTo("Alice Martin revoked an upload key.");
        assertThat(sentences.get(2)).startsWith("Alice Martin created an upload key valid until ");
        assertThat(sentences.get(3)).matches("Alice Martin uploaded 3 images in 1 study \\(\\d+\\.\\d MB\\) with the app\\.");
        assertThat(sentences.get(4)).isEqualTo("Alice Martin renamed the album from “" + album.name() + " v19” to “" + album.name() + " v20”.");
        assertThat(main.text("#historyPage")).isEqualTo("1–20 of 25");
        assertThat(robot.lookup("#historyNewer").queryButton().isDisabled()).isTrue();
        Screenshots.save(window, "activity.png");

        robot.clickOn("#historyOlder");
        waitUntil(() -> events.getItems().size() == 5);
        assertThat(EventSentences.sentence(events.getItems().get(4))).isEqualTo("Alice Martin created the album “" + album.name() + "”.");
        assertThat(main.text("#historyPage")).isEqualTo("21–25 of 25");
        assertThat(robot.lookup("#historyOlder").queryButton().isDisabled()).isTrue();
        robot.clickOn("#closeHistory");

        // the same history in French, in a window built in French
        I18n.use(Locale.FRENCH);
        robot.clickOn("#albumHistory");
        main.windowWith("#historyList");
        ListView<EventView> french = robot.lookup("#historyList").queryListView();
        waitUntil(() -> french.getItems().size() == HistoryModel.PAGE_SIZE);
        assertThat(EventSentences.sentence(french.getItems().get(0))).isEqualTo("Alice Martin a partagé l’album avec bob comme lecteur.");
        assertThat(EventSentences.sentence(french.getItems().get(3)))
                .matches("Alice Martin a envoyé 3 images dans 1 examen \\(\\d+,\\d Mo\\) avec l’application\\.");
        assertThat(main.text("#historyPage")).isEqualTo("1–20 sur 25");
        robot.clickOn("#closeHistory");
    }
}
