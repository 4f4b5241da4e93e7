package org.orthancalbums.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.login.KeycloakBrowser;
import org.orthancalbums.desktop.remote.AlbumsClient;

/** `./albums scan` and `./albums upload` as a script would run them, against the stack. */
class CommandsIT {
    @TempDir
    Path folder;

    private void files(int count) throws Exception {
        String study = Uids.random();
        String series = Uids.random();
        for (int i = 1; i <= count; i++) {
            Files.write(folder.resolve("IM" + i + ".dcm"), DicomFileWriter.write(new DicomFileWriter.Instance("CLI", "Command^Line", study,
                    series, Uids.random(), "20250505", "From the command line", "DX", 1, i, 16, 16)));
        }
        Files.writeString(folder.resolve("notes.txt"), "not dicom");
    }

    @Test
    void scanPrintsEachFileAndTheStudyOrJson() throws Exception {
        files(3);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ScanCommand.printText(new org.orthancalbums.core.scan.DicomScanner().scan(java.util.List.of(folder), n -> { }), new PrintStream(text, true));
        assertThat(text.toString()).contains("3 DICOM files").contains("1 skipped").contains("skipped: not a DICOM file")
                .contains("transfer syntax 1.2.840.10008.1.2.1").contains("Command^Line (CLI)");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ScanCommand.printJson(new org.orthancalbums.core.scan.DicomScanner().scan(java.util.List.of(folder), n -> { }), new PrintStream(json, true));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toByteArray());
        assertThat(tree.path("files")).hasSize(3);
        assertThat(tree.path("skipped").get(0).path("reason").asText()).isEqualTo("not a DICOM file");
        assertThat(tree.path("studies").get(0).path("fileCount").asInt()).isEqualTo(3);
    }

    @Test
    void uploadWithAnAlbumUploadToken() throws Exception {
        files(4);
        AlbumsClient alice = StackData.client("alice");
        AlbumView album = StackData.album("alice", "CLI token");
        String token = alice.createToken(album.id(), "upload", 600, null, false).token();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int exit = UploadCommand.run(new String[] {"--server", Stack.albumsUrl().toString(), folder.toString()},
                Map.of("ALBUMS_TOKEN", token), new PrintStream(out, true), new PrintStream(progress, true));
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("stored: 4").contains("skipped: 1").containsPattern("\n  study Command\\^Line · \\d{8} · .*: .*stored: 4");
        assertThat(progress.toString()).contains("4/4 files").contains("1/1 studies done");
        assertThat(alice.studies(album.id(), null, "studyDate", 0, 10).items().get(0).instanceCount()).isEqualTo(4);

        int refused = UploadCommand.run(new String[] {"--server", Stack.albumsUrl().toString(), folder.toString()},
                Map.of("ALBUMS_TOKEN", "oat_not-a-real-token"), new PrintStream(out, true), new PrintStream(OutputStream.nullOutputStream()));
        assertThat(refused).isEqualTo(1);
        assertThat(UploadCommand.run(new String[] {folder.toString()}, Map.of(), new PrintStream(out, true),
                new PrintStream(OutputStream.nullOutputStream()))).as("usage").isEqualTo(2);
    }

    @Test
    void uploadAfterADeviceLoginInAnyBrowser() throws Exception {
        files(2);
        AlbumView album = StackData.album("bob", "CLI device");
        CompletableFuture<String> prompt = new CompletableFuture<>();
        Pattern url = Pattern.compile("open (\\S+) in a browser");
        PrintStream out = new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                line.append((char) b);
                Matcher m = url.matcher(line);
                if (m.find()) {
                    prompt.complete(m.group(1));
                }
            }
        }, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> UploadCommand.run(
                new String[] {"--server", Stack.albumsUrl().toString(), "--album", album.name(), folder.toString()}, Map.of(), out,
                new PrintStream(OutputStream.nullOutputStream())));
        String verification = prompt.get(30, TimeUnit.SECONDS);
        assertThat(verification).startsWith(Stack.keycloakUrl() + "/realms/albums/device");
        KeycloakBrowser browser = new KeycloakBrowser();
        browser.open(verification);
        browser.logIn("bob", "bob");
        browser.grantAccess();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(StackData.client("bob").studies(album.id(), null, "studyDate", 0, 10).total()).isEqualTo(1);
    }
}
