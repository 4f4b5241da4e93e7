package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** showDocument failing falls back to xdg-open (a stand-in script here); when both fail, the caller hears it. */
class SystemBrowserTest {
    private static final String PAGE = "http://127.0.0.1:8180/realms/albums/protocol/openid-connect/auth?x=1&y=2";
    private static final BrowserOpener GIO_FAILS = url -> {
        throw new UnsupportedOperationException("Operation not supported");
    };

    @TempDir
    Path dir;

    @Test
    void whenShowDocumentFailsXdgOpenGetsTheAddress() throws Exception {
        Path received = dir.resolve("received");
        new SystemBrowser(List.of(GIO_FAILS, SystemBrowser.command(script("printf '%s' \"$1\" > " + received).toString()))).open(PAGE);
        assertThat(received).hasContent(PAGE);
    }

    @Test
    void theFirstWayThatWorksIsTheOnlyOneUsed() throws Exception {
        List<String> opened = new ArrayList<>();
        Path never = dir.resolve("never");
        new SystemBrowser(List.of(opened::add, SystemBrowser.command(script("touch " + never).toString()))).open(PAGE);
        assertThat(opened).containsExactly(PAGE);
        assertThat(never).doesNotExist();
    }

    @Test
    void xdgOpenWithoutAHandlerAndAMissingCommandAreFailures() throws Exception {
        BrowserOpener noHandler = SystemBrowser.command(script("exit 3").toString()); // xdg-open: "no method available"
        BrowserOpener missing = SystemBrowser.command(dir.resolve("no-such-xdg-open").toString());
        assertThatThrownBy(() -> new SystemBrowser(List.of(GIO_FAILS, noHandler)).open(PAGE)).hasMessageContaining("status 3");
        assertThatThrownBy(() -> new SystemBrowser(List.of(missing)).open(PAGE)).isInstanceOf(IOException.class);
    }

    private Path script(String body) throws IOException {
        Path script = Files.createTempFile(dir, "xdg-open", ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
