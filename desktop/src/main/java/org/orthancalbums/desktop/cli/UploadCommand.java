package org.orthancalbums.desktop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.ServerInfo;
import org.orthancalbums.core.scan.DicomScanner;
import org.orthancalbums.core.scan.ScanResult;
import org.orthancalbums.desktop.login.DeviceLogin;
import org.orthancalbums.desktop.login.OidcClient;
import org.orthancalbums.desktop.login.ServerConfigService;
import org.orthancalbums.desktop.login.Session;
import org.orthancalbums.desktop.login.TokenStore;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.HttpClients;
import org.orthancalbums.desktop.upload.Destination;
import org.orthancalbums.desktop.upload.UploadEngine;
import org.orthancalbums.desktop.upload.StudyProgress;
import org.orthancalbums.desktop.upload.UploadReport;

/**
 * `./albums upload --server URL --album NAME|ID PATH...`: the app's upload engine without a window.
 * Logs in with the device grant (a code to enter in any browser), or takes ALBUMS_TOKEN: an album
 * upload token (the token picks the album) or a Keycloak access token. Exit code 1 if anything failed.
 */
public final class UploadCommand {
    private UploadCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String server = null;
        String album = null;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = i + 1 < args.length ? args[++i] : null;
                case "--album" -> album = i + 1 < args.length ? args[++i] : null;
                default -> paths.add(Path.of(args[i]));
            }
        }
        String token = env.getOrDefault("ALBUMS_TOKEN", "");
        boolean uploadToken = token.startsWith("oat_");
        if (server == null || paths.isEmpty() || (album == null && !uploadToken)) {
            err.println("usage: ./albums upload --server URL --album NAME|ID PATH...   (ALBUMS_TOKEN=<upload token>: no --album needed)");
            return 2;
        }
        OkHttpClient http = HttpClients.create();
        try {
            ScanResult scan = new DicomScanner().scan(paths, n -> { });
            out.printf("%d DICOM files in %d studies (%.1f MB); %d skipped%n", scan.files().size(), scan.studies().size(),
                    scan.bytes() / 1e6, scan.skipped().size());
            Destination destination = uploadToken ? Destination.uploadToken(server, token) : albumDestination(http, server, album, token, out);
            long start = System.nanoTime();
            UploadReport report = new UploadEngine(HttpClients.forUploads(http), UploadEngine.Settings.defaults()).upload(destination, scan, p ->
                    err.printf("\r%d/%d files, %.1f/%.1f MB, %.1f MB/s, %s left, %d/%d studies done   ", p.filesDone(), p.filesTotal(),
                            p.bytesDone() / 1e6, p.bytesTotal() / 1e6, p.bytesPerSecond() / 1e6,
                            p.remaining() == null ? "?" : p.remaining().toSeconds() + " s",
                            p.studies().stream().filter(st -> st.state() == StudyProgress.State.DONE || st.state() == StudyProgress.State.FAILED).count(),
                            p.studies().size()));
            double seconds = (System.nanoTime() - start) / 1e9;
            err.println();
            print(report, scan, out);
            out.printf(Locale.ROOT, "sent in %.2f s (%.1f MB/s over the %.1f MB found)%n", seconds, scan.bytes() / 1e6 / seconds, scan.bytes() / 1e6);
            return report.complete() ? 0 : 1;
        } catch (IOException e) {
            err.println("upload failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static Destination albumDestination(OkHttpClient http, String server, String album, String token, PrintStream out)
            throws IOException, InterruptedException {
        Session session = token.isEmpty() ? deviceLogin(http, server, out) : new FixedTokenSession(token);
        AlbumsClient client = new AlbumsClient(http, server, session);
        List<AlbumView> matches = client.albums().stream()
                .filter(a -> a.id().equals(album) || a.name().equalsIgnoreCase(album)).toList();
        if (matches.size() != 1) {
            throw new IOException(matches.isEmpty() ? "no album of yours is called or numbered \"" + album + "\""
                    : "several albums are called \"" + album + "\": give its id (" + String.join(", ", matches.stream().map(AlbumView::id).toList()) + ")");
        }
        return Destination.album(client, matches.get(0).id());
    }

    private static Session deviceLogin(OkHttpClient http, String server, PrintStream out) throws IOException, InterruptedException {
        ServerInfo info = new ServerConfigService(http).fetch(server);
        OidcClient oidc = OidcClient.discover(http, info.issuer(), info.clientId());
        return new DeviceLogin(http, oidc, TokenStore.forServer(server)).logIn(prompt -> out.printf(
                "To log in, open %s in a browser (code %s).%n", prompt.verificationUriComplete(), prompt.userCode()));
    }

    static void print(UploadReport report, ScanResult scan, PrintStream out) {
        out.println(counts(report.files()));
        for (ScanResult.Study study : scan.studies()) {
            out.printf("  study %s · %s · %s: %s%n", study.patientName(), study.studyDate(), study.description(),
                    counts(report.files().stream().filter(f -> study.studyInstanceUid().equals(f.studyInstanceUid())).toList()));
        }
        report.files().stream().filter(f -> f.outcome() == UploadReport.Outcome.FAILED || f.outcome() == UploadReport.Outcome.NOT_SENT)
                .forEach(f -> out.println("  " + f.outcome().name().toLowerCase(Locale.ROOT) + ": " + f.path() + " (" + f.reason() + ")"));
    }

    private static String counts(List<UploadReport.FileResult> files) {
        StringBuilder line = new StringBuilder();
        new UploadReport(files).counts().forEach((outcome, count) -> line.append(outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(": ").append(count).append("  "));
        return line.toString().strip();
    }

    /** A Keycloak access token given by the caller: used as is, never refreshed. */
    private record FixedTokenSession(String token) implements Session {
        @Override
        public String accessToken() {
            return token;
        }

        @Override
        public String username() {
            return "";
        }

        @Override
        public String displayName() {
            return "";
        }

        @Override
        public void logout() {
        }
    }
}
