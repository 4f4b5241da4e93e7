package org.orthancalbums.desktop.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.login.KeycloakBrowser;
import org.orthancalbums.desktop.packaging.RecordingProxy.Exchange;

/**
 * The Linux installer as people get it: the .deb that `./albums package` made, unpacked with dpkg-deb
 * into a temporary root, its launcher started on a private X display (Xvfb) as a desktop starts it.
 * The window shows, with the app's icon and the window class its menu entry names; and a user logs in
 * against the local stack with the browser login. The app opens Keycloak's page in the desktop's
 * default browser: here a stand-in registered the way browsers register (a .desktop file for https
 * links) hands the address to the test, which plays the browser; a proxy in front of albums-server
 * shows what the app then does with its session. Run by `./albums test-package`.
 */
class InstalledAppIT {
    private static final String TITLE = "Orthanc Albums";
    private static final Path INSTALLERS = Path.of("target", "installer");
    private static final Path ICONS = Path.of("..", "icons", "png");
    private static final long MAX_INSTALLER_BYTES = 90_000_000L;
    private static final int STARTS = 5;

    @TempDir
    static Path temp;
    private static Path root;
    private static XServer display;

    @BeforeAll
    static void install() throws Exception {
        Path deb;
        try (Stream<Path> files = Files.list(INSTALLERS)) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in " + INSTALLERS.toAbsolutePath() + ": run ./albums package"));
        }
        System.out.printf("[installer] %s: %.1f MB%n", deb.getFileName(), Files.size(deb) / 1e6);
        assertThat(Files.size(deb)).as("size of the .deb").isLessThan(MAX_INSTALLER_BYTES);
        root = temp.resolve("root");
        assertThat(command("dpkg-deb", "-x", deb.toString(), root.toString())).isZero();
        display = XServer.start();
    }

    @AfterAll
    static void stopDisplay() throws InterruptedException {
        if (display != null) {
            display.close();
        }
    }

    @Test
    void theInstalledAppShowsItsWindowWithTheAppIconUnderTheWindowClassOfItsMenuEntry() throws Exception {
        Map<String, String> entry = menuEntry();
        assertThat(root.resolve(entry.get("Exec").replace("\"", "").substring(1))).isEqualTo(launcher());
        assertThat(Files.readAllBytes(root.resolve(entry.get("Icon").substring(1))))
                .isEqualTo(Files.readAllBytes(ICONS.resolve("orthanc-albums-256.png")));

        List<Long> millis = new ArrayList<>();
        for (int start = 1; start <= STARTS; start++) {
            Process app = launch(Files.createDirectories(temp.resolve("start-" + start)), Map.of());
            long began = System.nanoTime();
            try {
                String window = display.awaitWindow(TITLE, Duration.ofSeconds(30), app);
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
                if (start == 1) {
                    assertThat(display.property(window, "8s", "WM_CLASS")).contains('"' + entry.get("StartupWMClass") + '"');
                    assertShowsTheAppIcon(window);
                }
            } finally {
                stop(app);
            }
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        // printed for the record, not asserted: this machine's load decides the exact figure
        System.out.printf("[installed app] start to first window: median %d ms of %d starts %s%n",
                sorted.get(sorted.size() / 2), STARTS, millis);
    }

    @Test
    void aUserLogsInWithTheBrowserAgainstTheStackAndTheAppWorksAsThem() throws Exception {
        Path opened = temp.resolve("opened-pages.txt");
        Map<String, String> desktop = defaultBrowser(opened);
        try (RecordingProxy proxy = new RecordingProxy(Stack.albumsUrl())) {
            Process app = launch(Files.createDirectories(temp.resolve("login")), desktop, "--server=" + proxy.uri());
            try {
                String window = display.awaitWindow(TITLE, Duration.ofSeconds(30), app);
                // given the server's address, the app connects by itself, then offers the browser login
                // ("Log in with the browser", the default button: Return presses it)
                await(proxy, e -> e.path().equals("/api/config") && e.status() == 200, app);
                String url = pressReturnUntilTheBrowserOpens(window, opened, app);
                assertThat(url).startsWith(Stack.keycloakUrl() + "/realms/albums/protocol/openid-connect/auth?")
                        .contains("code_challenge_method=S256").contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A");

                KeycloakBrowser browser = new KeycloakBrowser();
                browser.open(url);
                browser.logIn("alice", "alice");
                assertThat(browser.pageText()).contains("You can close this tab");

                // the app exchanged the code for tokens and now works as alice: albums-server knows her
                // from the token it sends, and the main window asks for her albums
                Exchange me = await(proxy, e -> e.path().equals("/api/me") && e.status() == 200, app);
                assertThat(me.answer()).contains("\"username\":\"alice\"").contains("\"name\":\"Alice Martin\"");
                await(proxy, e -> e.path().equals("/api/albums") && e.status() == 200, app);
                assertThat(display.window(TITLE)).contains(window);
            } finally {
                stop(app);
            }
        }
    }

    private static Path launcher() {
        return root.resolve("opt/orthanc-albums/bin/Orthanc Albums");
    }

    /** Starts the installed launcher as a desktop would, on the test's display, with a profile of its own. */
    private static Process launch(Path home, Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("app.log").toFile());
        display.putDisplay(builder.environment());
        // a user profile of its own (the settings live under user.home), and no session keychain: the
        // refresh token of the test's login must not land in the keychain of whoever runs the tests
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(15, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * The desktop's default browser, registered as browsers are (a .desktop file for http and https
     * links, the default in mimeapps.list), which GTK opens pages with. It writes the address down.
     */
    private static Map<String, String> defaultBrowser(Path opened) throws IOException {
        Path base = Files.createDirectories(temp.resolve("browser"));
        Path script = base.resolve("browser.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + opened + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path applications = Files.createDirectories(base.resolve("data/applications"));
        Files.writeString(applications.resolve("test-browser.desktop"), "[Desktop Entry]\nType=Application\nName=Test browser\n"
                + "Exec=" + script + " %u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n");
        Path config = Files.createDirectories(base.resolve("config"));
        Files.writeString(config.resolve("mimeapps.list"), "[Default Applications]\n"
                + "x-scheme-handler/http=test-browser.desktop\nx-scheme-handler/https=test-browser.desktop\n");
        return Map.of("XDG_DATA_HOME", base.resolve("data").toString(), "XDG_DATA_DIRS", base.resolve("data").toString(),
                "XDG_CONFIG_HOME", config.toString());
    }

    /** Presses Return in the window (again while the login screen is still on its way) until a page opens. */
    private static String pressReturnUntilTheBrowserOpens(String window, Path opened, Process app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            display.pressReturn(window);
            long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < wait) {
                if (Files.exists(opened) && !Files.readString(opened).isBlank()) {
                    List<String> pages = Files.readAllLines(opened);
                    return pages.get(pages.size() - 1);
                }
                assertThat(app.isAlive()).as("the app is running").isTrue();
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the app opened no page in the browser within 60 s");
    }

    private static Exchange await(RecordingProxy proxy, Predicate<Exchange> wanted, Process app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<Exchange> seen = proxy.exchanges().stream().filter(wanted).findFirst();
            if (seen.isPresent()) {
                return seen.get();
            }
            assertThat(app.isAlive()).as("the app is running").isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("not seen within 30 s; albums-server saw: " + proxy.exchanges());
    }

    /** The menu entry the package installs: its keys and values. */
    private static Map<String, String> menuEntry() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("opt/orthanc-albums/lib"))) {
            Path entry = files.filter(f -> f.toString().endsWith(".desktop")).findFirst().orElseThrow();
            Map<String, String> keys = new java.util.HashMap<>();
            for (String line : Files.readAllLines(entry)) {
                int equals = line.indexOf('=');
                if (equals > 0 && !line.startsWith("#")) {
                    keys.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return keys;
        }
    }

    /**
     * The icon the window hands the window manager (_NET_WM_ICON: width, height, then ARGB pixels) is
     * one of ours, pixel for pixel. JavaFX hands the colours premultiplied by alpha (so do we, to compare),
     * and rounds them on the way.
     */
    private static void assertShowsTheAppIcon(String window) throws Exception {
        String property = display.property(window, "32c", "_NET_WM_ICON");
        long[] values = Arrays.stream(property.substring(property.indexOf('=') + 1).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        assertThat(values.length).as("_NET_WM_ICON is set").isGreaterThan(2);
        int width = (int) values[0];
        int height = (int) values[1];
        BufferedImage ours = ImageIO.read(ICONS.resolve("orthanc-albums-" + width + ".png").toFile());
        assertThat(ours).as("an icon size we ship: " + width).isNotNull();
        assertThat(height).isEqualTo(ours.getHeight());
        int worst = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                worst = Math.max(worst, difference((int) values[2 + y * width + x], ours.getRGB(x, y)));
            }
        }
        assertThat(worst).as("largest channel difference from icons/png").isLessThanOrEqualTo(1);
    }

    private static int difference(int shown, int ours) {
        int alpha = ours >>> 24;
        int worst = Math.abs((shown >>> 24) - alpha);
        for (int shift = 0; shift <= 16; shift += 8) {
            int premultiplied = Math.round(((ours >>> shift) & 0xff) * alpha / 255f);
            worst = Math.max(worst, Math.abs(((shown >>> shift) & 0xff) - premultiplied));
        }
        return worst;
    }

    private static int command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor(2, TimeUnit.MINUTES) ? process.exitValue() : -1;
    }
}
