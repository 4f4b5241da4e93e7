package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole browser login against a fake Keycloak that checks PKCE as the real one does. */
class PkceLoginTest {
    /** A browser whose user is already logged in at the fake Keycloak: it follows the redirect to the app. */
    private static final HttpClient BROWSER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private final FakeKeycloak keycloak = FakeKeycloak.start();
    private final InMemoryKeychain keychain = new InMemoryKeychain();
    private final TokenStore store = keychain.store("https://albums.example.org");
    private final PkceLogin login = new PkceLogin(keycloak.client(), store);
    private String lastPage;

    PkceLoginTest() throws IOException {
    }

    @AfterEach
    void stopKeycloak() {
        keycloak.close();
    }

    @Test
    void browserLoginKeepsTheSessionInTheKeychain() throws Exception {
        LoginAttempt attempt = login.start(this::browse);

        OidcSession session = attempt.result().get(10, TimeUnit.SECONDS);

        assertThat(attempt.browserOpened()).isTrue();
        assertThat(lastPage).contains("You are logged in to Orthanc Albums.");
        assertThat(session.username()).isEqualTo("alice");
        assertThat(session.accessToken()).isNotBlank();
        assertThat(store.load()).isPresent();
        assertThat(keycloak.lastAuthorizationRequest.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/callback");
        assertThat(keycloak.lastAuthorizationRequest.get("state")).hasSizeGreaterThanOrEqualTo(43);
        session.logout();
    }

    @Test
    void withoutABrowserTheDisplayedAddressStillWorks() throws Exception {
        LoginAttempt attempt = login.start(url -> {
            throw new UnsupportedOperationException("no desktop");
        });
        assertThat(attempt.browserOpened()).isFalse();
        assertThat(attempt.result()).isNotDone();

        browse(attempt.authorizationUrl()); // the user pasted it into a browser

        assertThat(attempt.result().get(10, TimeUnit.SECONDS).username()).isEqualTo("alice");
        attempt.result().get().logout();
    }

    @Test
    void aRefusalInTheBrowserFailsTheAttempt() throws IOException {
        keycloak.authorizationError = "access_denied";

        LoginAttempt attempt = login.start(this::browse);

        assertFailure(attempt, LoginException.class, "The user said no (access_denied)");
        assertThat(lastPage).contains("did not succeed");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aCodeKeycloakRefusesFailsTheAttempt() throws IOException {
        keycloak.refuseCodes = true;

        assertFailure(login.start(this::browse), IOException.class, "Code not valid (invalid_grant)");
    }

    @Test
    void cancellingEndsTheAttemptAndFreesThePort() throws Exception {
        LoginAttempt attempt = login.start(url -> { });
        String redirectUri = FakeKeycloak.queryOf(attempt.authorizationUrl()).get("redirect_uri");

        attempt.cancel();

        assertThatThrownBy(() -> attempt.result().get()).isInstanceOf(CancellationException.class);
        assertThat(Await.until(() -> refuses(redirectUri), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void anAbandonedLoginTimesOutWithAClearMessage() throws IOException {
        LoginAttempt attempt = new PkceLogin(keycloak.client(), store, Duration.ofSeconds(1)).start(url -> { });

        assertFailure(attempt, LoginException.class, "The login was not completed within 1 second. Please log in again.");
    }

    private static void assertFailure(LoginAttempt attempt, Class<? extends IOException> type, String message) {
        assertThatThrownBy(() -> attempt.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(type).hasMessageContaining(message);
    }

    private void browse(String url) throws IOException, InterruptedException {
        lastPage = BROWSER.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean refuses(String url) {
        try {
            BROWSER.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException | InterruptedException other) {
            return false;
        }
    }
}
