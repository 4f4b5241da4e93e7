package org.orthancalbums.desktop.login;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens a page in the user's browser, trying one way after the other. On Linux, JavaFX's
 * {@code showDocument} goes through GTK/GIO, which fails ("Operation not supported") on a desktop
 * without a default handler and tells its caller nothing; {@code xdg-open} says by its exit status
 * whether a browser took the page, so it goes first there. When every way fails the caller shows the
 * address with its copy button.
 */
public final class SystemBrowser implements BrowserOpener {
    private final List<BrowserOpener> ways;

    public SystemBrowser(List<BrowserOpener> ways) {
        this.ways = List.copyOf(ways);
    }

    /** For this computer: {@code xdg-open} then {@code showDocument} on Linux, {@code showDocument} elsewhere. */
    public static SystemBrowser forThisComputer(BrowserOpener showDocument) {
        List<BrowserOpener> ways = new ArrayList<>();
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            ways.add(command("xdg-open"));
        }
        ways.add(showDocument);
        return new SystemBrowser(ways);
    }

    /** {@code executable url}, which succeeded when it ends with status 0 within 10 seconds. */
    public static BrowserOpener command(String executable) {
        return url -> {
            Process process = new ProcessBuilder(executable, url)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                return; // still running: a browser that stays in the foreground took the page
            }
            if (process.exitValue() != 0) {
                throw new IOException(executable + " ended with status " + process.exitValue());
            }
        };
    }

    @Override
    public void open(String url) throws Exception {
        Exception last = new IOException("no way to open a browser on this computer");
        for (BrowserOpener way : ways) {
            try {
                way.open(url);
                return;
            } catch (Exception failed) {
                last = failed;
            }
        }
        throw last;
    }
}
