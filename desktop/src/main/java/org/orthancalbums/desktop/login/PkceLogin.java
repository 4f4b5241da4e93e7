package org.orthancalbums.desktop.login;

import static org.orthancalbums.desktop.settings.I18n.t;

import com.github.scribejava.core.pkce.PKCE;
import com.github.scribejava.core.pkce.PKCEService;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The browser login: OAuth Authorization Code with PKCE (S256) and a loopback redirect (RFC 8252).
 * The app shows the login page's address while waiting, so a browser that failed to open is no dead end.
 */
public final class PkceLogin {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcClient client;
    private final TokenStore store;
    private final Duration timeout;

    public PkceLogin(OidcClient client, TokenStore store) {
        this(client, store, DEFAULT_TIMEOUT);
    }

    public PkceLogin(OidcClient client, TokenStore store, Duration timeout) {
        this.client = client;
        this.store = store;
        this.timeout = timeout;
    }

    /**
     * Starts listening for the redirect and asks the browser to show the login page. Returns at once.
     *
     * @throws IOException when no loopback port can be opened
     */
    public LoginAttempt start(BrowserOpener browser) throws IOException {
        PKCE pkce = PKCEService.defaultInstance().generatePKCE();
        String state = randomState();
        LoopbackReceiver receiver = LoopbackReceiver.start(state);
        String url = client.authorizationUrl(receiver.redirectUri(), pkce, state);
        CompletableFuture<OidcSession> result = new CompletableFuture<>();
        receiver.code().whenCompleteAsync((code, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            try {
                OidcSession session = OidcSession.begin(client, store, client.exchange(code, pkce.getCodeVerifier(), receiver.redirectUri()));
                if (!result.complete(session)) {
                    session.logout(); // cancelled or timed out during the exchange: nobody will use it
                }
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e); // never leave the attempt hanging until the timeout
            }
        }, DaemonThreads.named("albums-login-exchange"));
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> result.completeExceptionally(
                new LoginException(describe(timeout))));
        result.whenComplete((session, failure) -> receiver.close());
        return new LoginAttempt(url, result, opened(browser, url));
    }

    private static boolean opened(BrowserOpener browser, String url) {
        try {
            browser.open(url);
            return true;
        } catch (Exception noBrowser) {
            return false;
        }
    }

    /** 256 random bits: unguessable, so a forged redirect cannot match (RFC 6749 §10.12). */
    private static String randomState() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The sentence for a login that was not completed within {@code duration}. */
    private static String describe(Duration duration) {
        boolean wholeMinutes = duration.toMinutes() > 0 && duration.toSecondsPart() == 0;
        return wholeMinutes ? t("login.error.timeoutMinutes", duration.toMinutes()) : t("login.error.timeoutSeconds", duration.toSeconds());
    }
}
