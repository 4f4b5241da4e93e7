package org.orthancalbums.desktop.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orthancalbums.desktop.settings.I18n;

/** Every error code the server can answer reads as the app's own sentence, in English and in French. */
class ProblemsTest {
    /** ApiException(403, "forbidden", …), ApiException.forbidden(…) via its factory, answer(ctx, 503, "orthanc_unavailable", …). */
    private static final Pattern CODE = Pattern.compile("(?:ApiException\\(|answer\\(ctx, )\\d{3}, \"([a-z_]+)\"");
    private static final String SERVER_SENTENCE = "your role in this album (VIEWER) may not delete it";

    @AfterEach
    void english() {
        I18n.use(Locale.ENGLISH);
    }

    @Test
    void everyServerErrorCodeHasItsOwnSentenceInBothLanguages() throws IOException {
        Set<String> codes = serverCodes();
        assertThat(codes).contains("forbidden", "not_found", "bad_request", "too_large", "unauthorized", "orthanc_unavailable", "orthanc_failed");
        for (Locale language : new Locale[] {Locale.ENGLISH, Locale.FRENCH}) {
            I18n.use(language);
            String unknown = Problems.reason(new ApiError(418, "teapot", SERVER_SENTENCE));
            for (String code : codes) {
                String said = Problems.describe(I18n.t("task.deleteAlbum"), new ApiError(400, code, SERVER_SENTENCE));
                assertThat(said).as(code + " in " + language).doesNotContain(SERVER_SENTENCE)
                        .doesNotContain(unknown);
            }
        }
    }

    @Test
    void networkFailuresAreSaidInTheUsersWordsNotJavas() {
        List<IOException> failures = List.of(new java.net.ConnectException("Connection refused"),
                new java.net.UnknownHostException("albums.example.org"), new java.net.SocketTimeoutException("Read timed out"),
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed"), new IOException("unexpected end of stream on http://h/..."));
        for (Locale language : new Locale[] {Locale.ENGLISH, Locale.FRENCH}) {
            I18n.use(language);
            Set<String> phrases = new TreeSet<>();
            for (IOException failure : failures) {
                assertThat(Problems.network(failure)).as(failure + " in " + language).isNotBlank().doesNotContain(failure.getMessage());
                assertThat(Problems.reason(failure)).as(failure + " in " + language).doesNotContain(failure.getMessage());
                phrases.add(Problems.network(failure));
            }
            assertThat(phrases).as("one phrase per kind of failure").hasSize(failures.size());
        }
        I18n.use(Locale.FRENCH);
        assertThat(I18n.t("connect.unreachable", "https://albums.example.org", Problems.network(new java.net.ConnectException("Connection refused"))))
                .endsWith("(rien ne répond à cette adresse)");
    }

    @Test
    void frenchSentencesAreFrench() {
        I18n.use(Locale.FRENCH);
        assertThat(Problems.describe(I18n.t("task.loadAlbums"), new ApiError(503, "orthanc_unavailable", "the image archive (Orthanc) is not answering")))
                .isEqualTo("Chargement de vos albums : échec, l’archive d’images ne répond pas. Réessayez dans un instant.");
        I18n.use(Locale.ENGLISH);
        assertThat(Problems.describe(I18n.t("task.loadSeries"), new ApiError(404, "not_found", "this study is not in the album")))
                .isEqualTo("Loading the series failed: it is no longer there: someone may have removed it or your access to it. Refresh and try again.");
    }

    private static Set<String> serverCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("../server/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CODE.matcher(Files.readString(source));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        return codes;
    }
}
