package org.orthancalbums.desktop.login;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.httpclient.jdk.JDKHttpClientConfig;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.AccessTokenRequestParams;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.pkce.PKCE;
import com.github.scribejava.core.revoke.TokenTypeHint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import okhttp3.OkHttpClient;

/**
 * Talks OAuth to one realm for one public client, through ScribeJava and its default JDK HTTP client.
 * Every failure is an IOException; a refused refresh is a {@link Session.SessionExpiredException}.
 */
public final class OidcClient {
    /** Keycloak returns a refresh token for these; offline_access would need a role our users lack. */
    private static final String SCOPE = "openid profile email";
    static final String SESSION_ENDED = "Your session has ended: log in again.";
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final OidcEndpoints endpoints;
    private final String clientId;
    /** For refresh and logout, which send no redirect_uri. */
    private final OAuth20Service service;

    public OidcClient(OidcEndpoints endpoints, String clientId) {
        this.endpoints = endpoints;
        this.clientId = clientId;
        this.service = service(null);
    }

    /** Discovers the issuer's endpoints, then builds the client: the usual way in. */
    public static OidcClient discover(OkHttpClient http, String issuer, String clientId) throws IOException {
        return new OidcClient(new OidcDiscovery(http).fetch(issuer), clientId);
    }

    String authorizationUrl(String redirectUri, PKCE pkce, String state) {
        return service(redirectUri).createAuthorizationUrlBuilder().scope(SCOPE).state(state).pkce(pkce).build();
    }

    /** Trades the authorization code for tokens; redirect_uri must be the one of the authorization request. */
    OidcEndpoints endpoints() {
        return endpoints;
    }

    String clientId() {
        return clientId;
    }

    TokenSet exchange(String code, String codeVerifier, String redirectUri) throws IOException {
        AccessTokenRequestParams params = AccessTokenRequestParams.create(code).pkceCodeVerifier(codeVerifier);
        return tokens(() -> service(redirectUri).getAccessToken(params), null);
    }

    TokenSet refresh(String refreshToken) throws IOException {
        try {
            return tokens(() -> service.refreshAccessToken(refreshToken), refreshToken);
        } catch (TokenRefusedException refused) {
            throw new Session.SessionExpiredException(SESSION_ENDED);
        }
    }

    /**
     * Ends the user's session at the provider: Keycloak's end-session endpoint takes a public client's
     * refresh token in a POST; elsewhere, RFC 7009 revocation of the refresh token.
     */
    void endSession(String refreshToken) throws IOException {
        if (endpoints.endSession() != null) {
            OAuthRequest request = new OAuthRequest(Verb.POST, endpoints.endSession());
            request.addBodyParameter("client_id", clientId);
            request.addBodyParameter("refresh_token", refreshToken);
            call(() -> {
                try (Response response = service.execute(request)) {
                    if (!response.isSuccessful()) {
                        throw new IOException("The sign-in server answered " + response.getCode() + " to the logout");
                    }
                }
                return null;
            });
        } else if (endpoints.revocation() != null) {
            call(() -> {
                service.revokeToken(refreshToken, TokenTypeHint.REFRESH_TOKEN);
                return null;
            });
        }
    }

    private OAuth20Service service(String redirectUri) {
        ServiceBuilder builder = new ServiceBuilder(clientId).httpClientConfig(JDKHttpClientConfig.defaultConfig()
                .withConnectTimeout(CONNECT_TIMEOUT_MILLIS).withReadTimeout(READ_TIMEOUT_MILLIS));
        if (redirectUri != null) {
            builder.callback(redirectUri);
        }
        return builder.build(new RealmApi(endpoints));
    }

    private TokenSet tokens(ScribeCall<OAuth2AccessToken> call, String previousRefreshToken) throws IOException {
        OAuth2AccessToken response = call(call);
        return TokenSet.from(response, previousRefreshToken, Instant.now());
    }

    /** ScribeJava's checked and unchecked exceptions, as IOExceptions. */
    private static <T> T call(ScribeCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while talking to the sign-in server");
        } catch (RuntimeException e) {
            // Not e's message: ScribeJava quotes the response body there, which may hold a token.
            throw new IOException("The sign-in server's answer was not understood (" + e.getClass().getSimpleName() + ")");
        }
    }

    @FunctionalInterface
    private interface ScribeCall<T> {
        T run() throws IOException, InterruptedException, ExecutionException;
    }
}
