package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orthancalbums.desktop.settings.I18n;

class LoopbackReceiverTest {
    private static final HttpClient BROWSER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final LoopbackReceiver receiver = start("expected-state");

    @AfterEach
    void close() {
        receiver.close();
        I18n.use(Locale.ENGLISH);
    }

    @Test
    void inFrenchThePagesAndTheReasonAreFrench() throws Exception {
        I18n.use(Locale.FRENCH);
        try (LoopbackReceiver french = start("etat")) {
            HttpResponse<String> refused = get(french, "/callback?state=forged&code=abc");
            assertThat(refused.body()).contains("<html lang=\"fr\">", "La connexion à Orthanc Albums n’a pas abouti.",
                    "n’appartient pas à cette connexion", "Fermez cet onglet");
        }
        try (LoopbackReceiver french = start("etat")) {
            assertThat(get(french, "/callback?state=etat&code=abc").body())
                    .contains("Vous êtes connecté à Orthanc Albums.", "Vous pouvez fermer cet onglet et revenir à l’application.");
        }
    }

    @Test
    void listensOnARandomPortOf127001Only() {
        try (LoopbackReceiver other = start("other")) {
            assertThat(receiver.redirectUri()).isEqualTo("http://127.0.0.1:" + receiver.port() + "/callback");
            assertThat(receiver.port()).isPositive().isNotEqualTo(other.port());
        }
    }

    @Test
    void aMatchingRedirectDeliversTheCodeAndSaysLoggedIn() throws Exception {
        HttpResponse<String> page = get("/callback?state=expected-state&session_state=x&code=the%2Bcode");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("You are logged in to Orthanc Albums.", "You can close this tab");
        assertThat(receiver.code().get(5, TimeUnit.SECONDS)).isEqualTo("the+code");
    }

    @Test
    void aForeignStateIsAnErrorNotALogin() throws Exception {
        HttpResponse<String> page = get("/callback?state=forged&code=abc");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("did not succeed", "state mismatch");
        assertFailure("does not belong to this login (state mismatch)");
    }

    @Test
    void aMissingStateIsAnErrorToo() throws Exception {
        assertThat(get("/callback?code=abc").statusCode()).isEqualTo(400);
        assertFailure("state mismatch");
    }

    @Test
    void aRefusalFromKeycloakIsReportedWithItsDescription() throws Exception {
        HttpResponse<String> page = get("/callback?state=expected-state&error=access_denied&error_description=User+denied+consent");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("User denied consent (access_denied)");
        assertFailure("The sign-in server did not log you in: User denied consent (access_denied)");
    }

    @Test
    void aRedirectWithoutCodeIsAnError() throws Exception {
        get("/callback?state=expected-state");
        assertFailure("had no authorization code");
    }

    @Test
    void theErrorPageDoesNotRunWhatTheQueryCarries() throws Exception {
        HttpResponse<String> page = get("/callback?state=expected-state&error=x&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        assertThat(page.body()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void otherPathsAndMethodsAreNotFoundAndLeaveTheLoginWaiting() throws Exception {
        assertThat(get("/favicon.ico").statusCode()).isEqualTo(404);
        assertThat(get("/callbackx?state=expected-state&code=abc").statusCode()).isEqualTo(404);
        assertThat(get("/callback/more?state=expected-state&code=abc").statusCode()).isEqualTo(404);
        HttpRequest post = HttpRequest.newBuilder(URI.create(receiver.redirectUri() + "?state=expected-state&code=abc"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(BROWSER.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        assertThat(receiver.code()).isNotDone();
    }

    @Test
    void oneCallbackOnlyThenItStopsListening() throws Exception {
        get("/callback?state=expected-state&code=first");
        assertThat(receiver.code().get(5, TimeUnit.SECONDS)).isEqualTo("first");

        assertThat(refusesConnections()).isTrue();
        assertThat(receiver.code().get()).isEqualTo("first");
    }

    @Test
    void closingBeforeTheCallbackCancelsAndFreesThePort() throws Exception {
        receiver.close();

        assertThat(receiver.code()).isCancelled();
        assertThatThrownBy(() -> receiver.code().get()).isInstanceOf(CancellationException.class);
        assertThat(refusesConnections()).isTrue();
    }

    @Test
    void aWaitingReceiverDoesNotKeepTheAppFromQuitting() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (LoopbackReceiver waiting = start("state")) {
            Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
            started.removeAll(before);
            assertThat(started).isNotEmpty().allMatch(Thread::isDaemon);
        }
    }

    private void assertFailure(String message) {
        assertThatThrownBy(() -> receiver.code().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(LoginException.class).hasMessageContaining(message);
    }

    /** The server stops on another thread just after the callback: give it a moment. */
    private boolean refusesConnections() throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                get("/callback");
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                // Closing while we connected: try again.
            }
            Thread.sleep(100);
        }
        return false;
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(receiver, pathAndQuery);
    }

    private static HttpResponse<String> get(LoopbackReceiver to, String pathAndQuery) throws IOException, InterruptedException {
        return BROWSER.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static LoopbackReceiver start(String state) {
        try {
            return LoopbackReceiver.start(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
