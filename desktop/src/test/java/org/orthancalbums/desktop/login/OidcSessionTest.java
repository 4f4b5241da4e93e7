package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.scribejava.core.model.OAuth2AccessToken;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orthancalbums.desktop.login.FakeKeycloak.RefreshAnswer;
import org.orthancalbums.desktop.login.Session.SessionExpiredException;

class OidcSessionTest {
    private final FakeKeycloak keycloak = FakeKeycloak.start();
    private final InMemoryKeychain keychain = new InMemoryKeychain();
    private final TokenStore store = keychain.store("https://albums.example.org");

    OidcSessionTest() throws IOException {
    }

    @AfterEach
    void stopKeycloak() {
        keycloak.close();
    }

    @Test
    void knowsWhoLoggedIn() throws IOException {
        OidcSession session = login();

        assertThat(session.username()).isEqualTo("alice");
        assertThat(session.displayName()).isEqualTo("Alice Martin");
        session.logout();
    }

    @Test
    void withoutANameTheUserNameIsShown() throws IOException {
        keycloak.name = null;
        OidcSession session = login();

        assertThat(session.displayName()).isEqualTo("alice");
        session.logout();
    }

    @Test
    void aFreshTokenIsReusedWithoutAskingKeycloak() throws IOException {
        OidcSession session = login();
        int refreshesAtLogin = keycloak.refreshes.get();

        assertThat(session.accessToken()).isEqualTo(session.accessToken());
        assertThat(keycloak.refreshes.get()).isEqualTo(refreshesAtLogin);
        session.logout();
    }

    @Test
    void aTokenAboutToExpireIsRefreshedAndTheRotatedRefreshTokenIsStored() throws IOException {
        keycloak.expiresIn = 20; // under the 30 s margin: needs a refresh right away
        OidcSession session = login();
        String storedAtLogin = store.load().orElseThrow();
        keycloak.expiresIn = 300;

        session.accessToken();

        assertThat(keycloak.refreshes).hasValue(2);
        assertThat(store.load()).hasValueSatisfying(stored -> assertThat(stored).isNotEqualTo(storedAtLogin));
        session.logout();
    }

    @Test
    void concurrentCallersShareOneRefresh() throws Exception {
        keycloak.expiresIn = 20;
        OidcSession session = login();
        keycloak.expiresIn = 300;
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = IntStream.range(0, 8).<Callable<String>>mapToObj(i -> session::accessToken).toList();
            List<String> tokens = callers.invokeAll(calls).stream().map(OidcSessionTest::get).toList();

            assertThat(tokens).containsOnly(tokens.get(0));
            assertThat(keycloak.refreshes).hasValue(2);
        } finally {
            callers.shutdown();
            session.logout();
        }
    }

    @Test
    void refreshesInTheBackgroundBeforeExpiry() throws Exception {
        keycloak.expiresIn = 2;
        OidcSession session = login();
        keycloak.expiresIn = 300;

        assertThat(Await.until(() -> keycloak.refreshes.get() == 2, Duration.ofSeconds(5))).isTrue();
        session.logout();
    }

    @Test
    void aRefusedRefreshEndsTheSessionAndForgetsTheToken() throws IOException {
        OidcSession session = login();
        keycloak.refreshAnswer = RefreshAnswer.INVALID_GRANT;

        assertThatThrownBy(session::refresh).isInstanceOf(SessionExpiredException.class).hasMessage("Your session has ended: log in again.");
        assertThat(store.load()).isEmpty();
        int refreshes = keycloak.refreshes.get();
        assertThatThrownBy(session::accessToken).isInstanceOf(SessionExpiredException.class).hasMessage("Your session has ended: log in again.");
        assertThat(keycloak.refreshes).hasValue(refreshes);
    }

    @Test
    void aRefusalWithAnErrorCodeScribeJavaDoesNotKnowAlsoEndsTheSession() throws IOException {
        OidcSession session = login();
        keycloak.refreshAnswer = RefreshAnswer.UNKNOWN_ERROR;

        assertThatThrownBy(session::refresh).isInstanceOf(SessionExpiredException.class);
    }

    @Test
    void aFailingKeycloakIsANetworkErrorNotTheEndOfTheSession() throws IOException {
        OidcSession session = login();
        keycloak.refreshAnswer = RefreshAnswer.SERVER_ERROR;

        assertThatThrownBy(session::refresh).isInstanceOf(IOException.class).isNotInstanceOf(SessionExpiredException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(store.load()).isPresent();

        keycloak.refreshAnswer = RefreshAnswer.TOKENS;
        session.refresh();
        session.logout();
    }

    @Test
    void anUnreachableKeycloakIsANetworkErrorNotTheEndOfTheSession() throws IOException {
        OidcSession session = login();
        keycloak.close();

        assertThatThrownBy(session::refresh).isInstanceOf(IOException.class).isNotInstanceOf(SessionExpiredException.class);
        assertThat(store.load()).isPresent();
    }

    @Test
    void logoutEndsTheSessionAtKeycloakAndForgetsTheToken() throws IOException {
        OidcSession session = login();
        String refreshToken = store.load().orElseThrow();

        session.logout();

        assertThat(keycloak.logouts).hasValue(1);
        assertThat(store.load()).isEmpty();
        assertThatThrownBy(session::accessToken).isInstanceOf(SessionExpiredException.class).hasMessage("You have logged out: log in again.");
        assertThatThrownBy(() -> keycloak.client().refresh(refreshToken)).isInstanceOf(SessionExpiredException.class);
    }

    @Test
    void logoutWithoutKeycloakStillForgetsLocally() throws IOException {
        OidcSession session = login();
        keycloak.close();

        session.logout();

        assertThat(store.load()).isEmpty();
        assertThatThrownBy(session::accessToken).isInstanceOf(SessionExpiredException.class);
    }

    @Test
    void restoringWithNothingStoredAsksNobody() throws IOException {
        assertThat(OidcSession.restore(keycloak.client(), store)).isEmpty();
        assertThat(keycloak.refreshes).hasValue(0);
    }

    @Test
    void restoringARefusedTokenForgetsIt() throws IOException {
        store.save("ended-session.token");

        assertThat(OidcSession.restore(keycloak.client(), store)).isEmpty();
        assertThat(store.load()).isEmpty();
    }

    @Test
    void restoringWhileKeycloakIsUnreachableKeepsTheTokenForNextTime() {
        store.save(keycloak.newRefreshToken());
        keycloak.close();

        assertThatThrownBy(() -> OidcSession.restore(keycloak.client(), store)).isInstanceOf(IOException.class)
                .isNotInstanceOf(SessionExpiredException.class);
        assertThat(store.load()).isPresent();
    }

    @Test
    void theBackgroundRefreshComesAMinuteEarlyButNotBeforeHalfTheLifetime() {
        assertThat(OidcSession.delayBeforeRefresh(tokens(300))).isEqualTo(Duration.ofSeconds(240));
        assertThat(OidcSession.delayBeforeRefresh(tokens(90))).isEqualTo(Duration.ofSeconds(45));
        assertThat(OidcSession.delayBeforeRefresh(tokens(0))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void tokensNeverShowInLogs() {
        assertThat(TokenSet.from(new OAuth2AccessToken("secret-access", "Bearer", 300, "secret-refresh", null, "{}"), null, Instant.now()).toString())
                .doesNotContain("secret");
    }

    private OidcSession login() throws IOException {
        store.save(keycloak.newRefreshToken());
        return OidcSession.restore(keycloak.client(), store).orElseThrow();
    }

    private static TokenSet tokens(int expiresIn) {
        return new TokenSet("access", "refresh", Duration.ofSeconds(expiresIn), Instant.now());
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
