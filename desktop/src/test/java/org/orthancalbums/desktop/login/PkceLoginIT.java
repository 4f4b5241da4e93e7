package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.api.ServerInfo;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.login.Session.SessionExpiredException;

/** The browser login against the stack's real Keycloak, and the session against the real albums-server. */
class PkceLoginIT {
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static OidcClient client;

    private final InMemoryKeychain keychain = new InMemoryKeychain();
    private final TokenStore store = keychain.store(Stack.albumsUrl().toString());
    private final KeycloakBrowser browser = new KeycloakBrowser();

    /** As the app does: the server names its Keycloak and client, discovery gives the endpoints. */
    @BeforeAll
    static void discoverKeycloak() throws IOException {
        ServerInfo server = new ServerConfigService(HTTP).fetch(Stack.albumsUrl().toString());
        client = OidcClient.discover(HTTP, server.issuer(), server.clientId());
    }

    @Test
    void aliceLogsInCallsTheServerRefreshesAndLogsOut() throws Exception {
        LoginAttempt attempt = new PkceLogin(client, store).start(browser::open);
        browser.logIn("alice", "alice");
        OidcSession session = attempt.result().get(30, TimeUnit.SECONDS);

        assertThat(browser.pageText()).contains("You are logged in to Orthanc Albums.");
        assertThat(session.username()).isEqualTo("alice");
        assertThat(session.displayName()).isEqualTo("Alice Martin");
        assertThat(me(session)).contains("\"username\":\"alice\"");

        String before = session.accessToken();
        session.refresh();
        assertThat(session.accessToken()).isNotEqualTo(before);
        assertThat(me(session)).contains("\"username\":\"alice\"");

        String refreshToken = store.load().orElseThrow();
        session.logout();
        assertThat(store.load()).isEmpty();
        assertThatThrownBy(() -> client.refresh(refreshToken)).isInstanceOf(SessionExpiredException.class)
                .hasMessage("Your session has ended: log in again.");
        assertThatThrownBy(session::accessToken).isInstanceOf(SessionExpiredException.class);
    }

    @Test
    void theRefreshTokenInTheKeychainSkipsTheBrowserAtTheNextStart() throws Exception {
        LoginAttempt attempt = new PkceLogin(client, store).start(browser::open);
        browser.logIn("bob", "bob");
        attempt.result().get(30, TimeUnit.SECONDS); // the app quits without logging out

        OidcSession restored = OidcSession.restore(client, store).orElseThrow();

        assertThat(restored.username()).isEqualTo("bob");
        assertThat(me(restored)).contains("\"username\":\"bob\"");
        restored.logout();
        assertThat(OidcSession.restore(client, store)).isEmpty();
    }

    @Test
    void aRedirectWithAnotherStateIsRefused() throws Exception {
        LoginAttempt attempt = new PkceLogin(client, store).start(url -> browser.open(url.replaceFirst("state=[^&]+", "state=forged")));
        browser.logIn("alice", "alice");

        assertThat(browser.pageText()).contains("state mismatch");
        assertThatThrownBy(() -> attempt.result().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(LoginException.class).hasMessageContaining("state mismatch");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aWrongPasswordLeavesTheAttemptWaitingUntilCancelled() throws Exception {
        LoginAttempt attempt = new PkceLogin(client, store).start(browser::open);
        browser.logIn("alice", "wrong");

        assertThat(browser.pageText()).contains("Invalid username or password");
        assertThat(Await.until(attempt.result()::isDone, Duration.ofSeconds(1))).isFalse();

        attempt.cancel();
        assertThatThrownBy(() -> attempt.result().get()).isInstanceOf(CancellationException.class);
        assertThat(store.load()).isEmpty();
    }

    private static String me(Session session) throws IOException {
        Request request = new Request.Builder().url(Stack.albumsUrl() + "/api/me").header("Authorization", "Bearer " + session.accessToken()).build();
        try (Response response = HTTP.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return response.body().string();
        }
    }
}
