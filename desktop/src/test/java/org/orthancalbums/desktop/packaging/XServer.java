package org.orthancalbums.desktop.packaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private X display (Debian's Xvfb) for apps started as processes of their own, as a desktop would
 * start them, and the X tools (xdotool, xprop) that find, look at and type into their windows.
 */
final class XServer implements AutoCloseable {
    private final Process xvfb;
    private final String display;

    private XServer(Process xvfb, String display) {
        this.xvfb = xvfb;
        this.display = display;
    }

    static XServer start() throws Exception {
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // Xvfb takes the first free display and writes its number once it accepts clients
        String number = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        if (number == null || !number.strip().matches("\\d+")) {
            xvfb.destroy();
            throw new IllegalStateException("Xvfb did not start (apt-get install xvfb)");
        }
        return new XServer(xvfb, ":" + number.strip());
    }

    /** The environment entry that puts a process's windows on this display. */
    void putDisplay(Map<String, String> environment) {
        environment.put("DISPLAY", display);
    }

    /** The first shown window with exactly this title. */
    Optional<String> window(String title) throws IOException, InterruptedException {
        Result search = run("xdotool", "search", "--onlyvisible", "--name", "^" + title + "$");
        return search.output().lines().findFirst();
    }

    /** Waits, polling every 10 ms, until a window with this title shows; fails early if the app ends. */
    String awaitWindow(String title, Duration timeout, Process app) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> window = window(title);
            if (window.isPresent()) {
                return window.get();
            }
            if (!app.isAlive()) {
                throw new AssertionError("the app ended (exit code " + app.exitValue() + ") before showing a window");
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no window titled '" + title + "' within " + timeout.toSeconds() + " s");
    }

    /**
     * An X property of a window as xprop prints it, in the given format (e.g. "8s", "32c"), once the app
     * has set it: a window can show before all its properties are there.
     */
    String property(String window, String format, String name) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Result xprop = run("xprop", "-notype", "-id", window, format, name);
            if (xprop.exitCode() == 0 && xprop.output().startsWith(name + " =")) {
                return xprop.output();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("window " + window + " has no " + name + ": " + xprop.output());
            }
            Thread.sleep(10);
        }
    }

    /** Gives the window the keyboard and presses Return in it, through the X server as a keyboard would. */
    void pressReturn(String window) throws IOException, InterruptedException {
        run("xdotool", "windowfocus", "--sync", window, "key", "Return");
    }

    record Result(int exitCode, String output) {
    }

    Result run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        putDisplay(builder.environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(List.of(command) + " did not end");
        }
        return new Result(process.exitValue(), output);
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
            xvfb.destroyForcibly();
        }
    }
}
