package org.orthancalbums.desktop.slicer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.desktop.MainWindow.waitUntil;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.TokenViews;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.settings.AppSettings;
import org.orthancalbums.desktop.settings.I18n;
import org.orthancalbums.desktop.upload.UploadEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Open in 3D Slicer" with a stand-in Slicer that records its arguments: the link names the study,
 * the DICOMweb root and a token; the token then gets, through albums-server's routes for the
 * authorization plugin and exactly as the real plugin asks (recorded traffic of plugin 0.11.4), a
 * read of that study's QIDO/WADO and nothing of another study. On a computer without Slicer, the
 * app says so and makes no token.
 */
@ExtendWith(ApplicationExtension.class)
class OpenInSlicerIT {
    private static final String BOB = "b0b00000-0000-4000-8000-000000000002";
    private static AlbumView album;
    private static String first;
    private static String second;
    private static String elsewhere;
    private static AlbumView otherAlbum;
    @TempDir
    static Path disk;
    private Stage stage;

    @BeforeAll
    static void data() throws IOException {
        I18n.use(Locale.ENGLISH);
        album = StackData.album("alice", "Slicer");
        first = StackData.study(album, "Durand^Marie", "Liver CT", 2);
        second = StackData.study(album, "Martin^Paul", "Knee MRI", 1);
        StackData.client("alice").setMember(album.id(), BOB, AlbumRole.VIEWER);
        album = StackData.client("bob").albums().stream().filter(a -> a.id().equals(album.id())).findFirst().orElseThrow();
        otherAlbum = StackData.album("carol", "Not bob's");
        elsewhere = StackData.study(otherAlbum, "Petit^Anne", "Brain MRI", 1);
    }

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @Test
    void theStandInSlicerGetsALinkWhoseTokenReadsThatStudyOnly(FxRobot robot) throws Exception {
        Path slicer = StandInSlicer.install(disk);
        AppSettings settings = settings("slicer");
        MainWindow main = MainWindow.open(robot, stage, wiring(settings, Files.createTempDirectory(disk, "empty")), "bob");

        // the user picks the stand-in in Settings (no Slicer is found on this "computer")
        robot.clickOn("#openSettings");
        var settingsWindow = main.windowWith("#slicerExecutable");
        waitUntil(() -> main.text("#slicerFound").startsWith("3D Slicer was not found on this computer"));
        robot.clickOn("#slicerExecutable").write(slicer.toString());
        Screenshots.save(settingsWindow, "settings.png");
        robot.clickOn("#saveSettings");
        assertThat(settings.slicerExecutable()).isEqualTo(slicer.toString());

        main.selectAlbum(album);
        main.selectStudy("Durand, Marie", 2);
        robot.clickOn("#openInSlicer");
        List<String> args = StandInSlicer.arguments(slicer);
        assertThat(args.get(0)).isEqualTo("--no-splash");
        Map<String, String> link = query(args.get(1));
        assertThat(args.get(1)).startsWith("slicer://viewer/?");
        assertThat(link).containsOnlyKeys("studyUID", "dicomweb_endpoint", "access_token");
        assertThat(link.get("studyUID")).isEqualTo(first);
        assertThat(link.get("dicomweb_endpoint")).isEqualTo(Stack.env("DICOMWEB_URL"));
        String token = link.get("access_token");
        assertThat(token).startsWith("oat_");
        waitUntil(() -> main.text("#statusText").startsWith("3D Slicer is starting with Durand, Marie"));

        // the token's profile has no labels: the plugin takes its resource-token path for every study
        JsonNode profile = StackData.plugin("/user/get-profile", "{\"server-id\":null,\"token-key\":\"Authorization\",\"token-value\":\"Bearer "
                + token + "\"}");
        assertThat(profile.path("permissions")).isEmpty();
        assertThat(profile.path("authorized-labels")).isEmpty();
        assertThat(profile.path("name").asText()).isEqualTo("View link of Bob Dupont");
        // QIDO /dicom-web/studies/{uid}/series or WADO …/metadata: a "get" with the study's labels, then the "post" of the /tools/find inside
        assertThat(validate(token, "get", first, List.of(album.label()))).isTrue();
        assertThat(validate(token, "post", first, null)).isTrue();
        // another study of the same album, and a study of an album bob is not in: refused
        assertThat(validate(token, "get", second, List.of(album.label()))).isFalse();
        assertThat(validate(token, "get", elsewhere, List.of(otherAlbum.label()))).isFalse();
        assertThat(validate(token, "post", elsewhere, null)).isFalse();

        // the shortcut opens the selected study too, with a token of its own
        Files.delete(slicer.resolveSibling("args.txt"));
        main.selectStudy("Martin, Paul", 2);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O).release(KeyCode.O, KeyCode.SHIFT, KeyCode.CONTROL);
        Map<String, String> again = query(StandInSlicer.arguments(slicer).get(1));
        assertThat(again.get("studyUID")).isEqualTo(second);
        assertThat(again.get("access_token")).isNotEqualTo(token);
        assertThat(validate(again.get("access_token"), "get", second, List.of(album.label()))).isTrue();
        assertThat(validate(again.get("access_token"), "get", first, List.of(album.label()))).isFalse();
    }

    @Test
    void withoutSlicerTheAppSaysWhereToGetItAndMakesNoToken(FxRobot robot) throws Exception {
        AppSettings settings = settings("noslicer");
        settings.setSlicerExecutable(disk.resolve("gone/Slicer").toString());
        MainWindow main = MainWindow.open(robot, stage, wiring(settings, Files.createTempDirectory(disk, "bare")), "bob");
        main.selectAlbum(album);
        main.selectStudy("Durand, Marie", 2);
        long viewTokensBefore = viewTokens();
        robot.clickOn("#openInSlicer");
        waitUntil(() -> !main.text("#problem").isEmpty());
        assertThat(main.text("#problem")).isEqualTo("Opening Durand, Marie in 3D Slicer failed: 3D Slicer was not found on this computer. "
                + "Install it from https://download.slicer.org, or choose its program in Settings.");
        assertThat(viewTokens()).isEqualTo(viewTokensBefore);
    }

    private static long viewTokens() throws IOException {
        return StackData.client("alice").tokens(album.id()).stream().filter(t -> t.kind().equals("view")).map(TokenViews.Listed::id).count();
    }

    /** A /tokens/validate call with the body the plugin sends for a study (labels only on the "get" it checks first). */
    private static boolean validate(String token, String method, String studyUid, List<String> labels) throws IOException {
        StringBuilder body = new StringBuilder("{\"dicom-uid\":\"" + studyUid + "\",");
        if (labels != null) {
            body.append("\"labels\":[").append(String.join(",", labels.stream().map(l -> "\"" + l + "\"").toList())).append("],");
        }
        body.append("\"level\":\"study\",\"method\":\"").append(method).append("\",\"orthanc-id\":\"").append(StackData.orthancStudyId(studyUid))
                .append("\",\"server-id\":null,\"token-key\":\"Authorization\",\"token-value\":\"Bearer ").append(token).append("\"}");
        return StackData.plugin("/tokens/validate", body.toString()).path("granted").asBoolean();
    }

    private static Map<String, String> query(String link) {
        Map<String, String> values = new HashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    private static AppSettings settings(String name) {
        AppSettings settings = AppSettings.load("org/orthancalbums/desktop-tests/" + name);
        settings.setSlicerExecutable("");
        return settings;
    }

    /** The app on a "computer" whose only places to look for Slicer are an empty folder. */
    private static AppWiring wiring(AppSettings settings, Path emptyComputer) {
        return new AppWiring(settings, url -> {
            throw new IllegalStateException("no browser here");
        }, UploadEngine.Settings.defaults(), new SlicerLocator("Linux", Map.of("PATH", ""), emptyComputer, emptyComputer));
    }
}
