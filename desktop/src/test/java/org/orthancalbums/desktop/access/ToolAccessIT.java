package org.orthancalbums.desktop.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.desktop.MainWindow.waitUntil;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.EventView;
import org.orthancalbums.core.api.TokenViews;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.history.EventSentences;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Upload access for tools: a key made in the app, shown once with its addresses and copy buttons,
 * works as a bearer token and in the path, is listed with its last use, and stops working once
 * revoked. "Send results back" gives the address 3D Slicer's DICOMweb send takes. Viewers see neither.
 */
@ExtendWith(ApplicationExtension.class)
class ToolAccessIT {
    private static final String BOB = "b0b00000-0000-4000-8000-000000000002";
    private static String server;
    private Stage stage;

    @BeforeAll
    static void english() {
        I18n.use(Locale.ENGLISH);
        server = Stack.albumsUrl().toString().replaceAll("/+$", "");
    }

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @Test
    void anUploadKeyIsShownOnceCopiedUsedListedAndRevoked(FxRobot robot) throws Exception {
        AlbumView album = StackData.album("alice", "Tool access");
        MainWindow main = MainWindow.openAt(robot, stage, "alice", album);
        robot.clickOn("#toolAccess");
        Window window = main.windowWith("#createAccess");
        robot.interact(() -> robot.lookup("#accessLifetime").queryComboBox().getSelectionModel().select(Duration.ofDays(7)));
        robot.clickOn("#createAccess");
        waitUntil(() -> field(robot, "#accessToken").startsWith("oat_"));
        String token = field(robot, "#accessToken");
        assertThat(field(robot, "#accessStowUrl")).isEqualTo(server + "/dicom-web/studies");
        assertThat(field(robot, "#accessRootWithToken")).isEqualTo(server + "/t/" + token + "/dicom-web");
        assertThat(main.text("#accessOnce")).startsWith("Copy it now: the key is shown only this once.");
        robot.clickOn("#accessTokenCopy");
        assertThat(clipboard(robot)).isEqualTo(token);
        robot.clickOn("#accessRootWithTokenCopy");
        assertThat(clipboard(robot)).isEqualTo(server + "/t/" + token + "/dicom-web");
        // scanners: Orthanc's DICOM port and the key's own AE title, with copy buttons
        assertThat(field(robot, "#accessDicomHost")).isEqualTo("127.0.0.1");
        assertThat(field(robot, "#accessDicomPort")).isEqualTo(Stack.env("ORTHANC_DICOM_PORT"));
        String aet = field(robot, "#accessDicomAet");
        assertThat(aet).matches("ALB[A-Z0-9]{13}");
        robot.clickOn("#accessDicomAetCopy");
        assertThat(clipboard(robot)).isEqualTo(aet);
        TableView<TokenViews.Listed> tokens = robot.lookup("#accessTokens").queryTableView();
        waitUntil(() -> tokens.getItems().size() == 1);
        assertThat(tokens.getItems().get(0).kind()).isEqualTo("upload");
        assertThat(tokens.getItems().get(0).creatorName()).isEqualTo("Alice Martin");
        assertThat(Duration.between(tokens.getItems().get(0).createdAt(), tokens.getItems().get(0).expiresAt())).isEqualTo(Duration.ofDays(7));
        Screenshots.save(window, "tool-access.png");

        // a script with the header form, a tool that only takes an address with the path form
        String study = Uids.random();
        String series = Uids.random();
        assertThat(StackData.stow(server + "/dicom-web/studies", "Bearer " + token,
                List.of(StackData.instance("TOOL-1", "Outil^Script", study, series, 1, 1, "From a script")))).isEqualTo(200);
        assertThat(StackData.stow(server + "/t/" + token + "/dicom-web/studies", null,
                List.of(StackData.instance("TOOL-1", "Outil^Script", study, series, 1, 2, "From a script")))).isEqualTo(200);
        assertThat(StackData.client("alice").studies(album.id(), null, "studyDate", 0, 10).items())
                .singleElement().satisfies(s -> assertThat(s.instanceCount()).isEqualTo(2));
        // a scanner with dcmtk's storescu, to the AE title shown
        assertThat(storescu(aet, StackData.instance("TOOL-1", "Outil^Script", study, series, 1, 3, "From a scanner")))
                .contains("Received Store Response (Success)");
        waitUntil(() -> StackData.client("alice").studies(album.id(), null, "studyDate", 0, 10).items().get(0).instanceCount() == 3);

        // listed again when the window opens: with its last use now
        robot.clickOn("#closeAccess");
        robot.clickOn("#toolAccess");
        main.windowWith("#createAccess");
        TableView<TokenViews.Listed> again = robot.lookup("#accessTokens").queryTableView();
        waitUntil(() -> again.getItems().size() == 1 && again.getItems().get(0).lastUsedAt() != null);
        assertThat(robot.lookup("#accessCreated").query().isVisible()).as("the key is not shown a second time").isFalse();
        robot.clickOn("Revoke");
        waitUntil(() -> again.getItems().isEmpty() && main.text("#accessMessage").equals("Revoked: the key no longer works."));
        assertThat(StackData.stow(server + "/dicom-web/studies", "Bearer " + token,
                List.of(StackData.instance("TOOL-1", "Outil^Script", study, series, 1, 3, "From a script")))).isEqualTo(401);
        assertThat(StackData.stow(server + "/t/" + token + "/dicom-web/studies", null,
                List.of(StackData.instance("TOOL-1", "Outil^Script", study, series, 1, 4, "From a script")))).isEqualTo(401);
        assertThat(storescu(aet, StackData.instance("TOOL-1", "Outil^Script", study, series, 1, 5, "From a scanner")))
                .contains("Received Store Response (Refused");
        robot.clickOn("#closeAccess");
    }

    /** dcmtk's storescu sends one file to Orthanc's DICOM port: its log, with the store response. */
    private static String storescu(String calledAet, byte[] dicom) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("scanner", ".dcm");
        try {
            java.nio.file.Files.write(file, dicom);
            Process process = new ProcessBuilder("storescu", "-v", "-aec", calledAet, "127.0.0.1", Stack.env("ORTHANC_DICOM_PORT"),
                    file.toString()).redirectErrorStream(true).start();
            String log = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            process.waitFor();
            return log;
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void sendResultsBackGivesTheAddressSlicersDicomWebSendTakes(FxRobot robot) throws Exception {
        AlbumView album = StackData.album("alice", "Segmentations");
        StackData.study(album, "Durand^Marie", "Liver CT", 1);
        MainWindow main = MainWindow.openAt(robot, stage, "alice", album);
        main.selectStudy("Durand, Marie", 1);
        robot.clickOn("#sendBack");
        Window window = main.windowWith("#sendBackAddress");
        waitUntil(() -> field(robot, "#sendBackAddress").startsWith(server + "/t/oat_"));
        String address = field(robot, "#sendBackAddress");
        assertThat(address).endsWith("/dicom-web");
        assertThat(main.text("#sendBackCare")).startsWith("This address holds a key that lets anyone upload into this album until ");
        robot.clickOn("#sendBackAddressCopy");
        assertThat(clipboard(robot)).isEqualTo(address);
        Screenshots.save(window, "send-back.png");

        // what Slicer's DICOMSender does with it: dicomweb-client's store_instances, POST {address}/studies, no header
        String segmentation = Uids.random();
        assertThat(StackData.stow(address + "/studies", null,
                List.of(StackData.instance("SEG-1", "Durand^Marie", segmentation, Uids.random(), 99, 1, "Liver segmentation")))).isEqualTo(200);
        assertThat(StackData.client("alice").studies(album.id(), null, "studyDate", 0, 10).total()).isEqualTo(2);
        assertThat(StackData.client("alice").tokens(album.id())).singleElement()
                .satisfies(t -> assertThat(Duration.between(t.createdAt(), t.expiresAt())).isEqualTo(Duration.ofDays(1)));
        robot.clickOn("#closeSendBack");

        // the round trip as the album's activity tells it
        robot.clickOn("#albumHistory");
        Window activity = main.windowWith("#historyList");
        ListView<EventView> events = robot.lookup("#historyList").queryListView();
        waitUntil(() -> !events.getItems().isEmpty() && events.getItems().get(0).kind().equals("upload"));
        assertThat(EventSentences.sentence(events.getItems().get(0))).startsWith("Alice Martin’s upload key sent 1 image in 1 study (");
        assertThat(EventSentences.sentence(events.getItems().get(1))).startsWith("Alice Martin created an upload key valid until ");
        Screenshots.save(activity, "round-trip-activity.png");
        robot.clickOn("#closeHistory");
        // done with it: the key in the screenshots opens nothing
        for (TokenViews.Listed key : StackData.client("alice").tokens(album.id())) {
            StackData.client("alice").revokeToken(album.id(), key.id());
        }
    }

    @Test
    void aViewerSeesNeitherUploadAccessNorSendBack(FxRobot robot) throws Exception {
        AlbumView album = StackData.album("alice", "Viewer only");
        StackData.study(album, "Martin^Paul", "Knee MRI", 1);
        StackData.client("alice").setMember(album.id(), BOB, AlbumRole.VIEWER);
        MainWindow main = MainWindow.openAt(robot, stage, "bob", album);
        main.selectStudy("Martin, Paul", 1);
        assertThat(robot.lookup("#toolAccess").query().isVisible()).isFalse();
        assertThat(robot.lookup("#sendBack").query().isVisible()).isFalse();
        assertThat(robot.lookup("#openInSlicer").query().isVisible()).isTrue();
        assertThat(robot.lookup("#downloadStudy").queryButton().isDisabled()).isFalse();
    }


    private static String field(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(node -> ((javafx.scene.control.TextField) node).getText()).orElse("");
    }

    private static String clipboard(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
