package org.orthancalbums.desktop.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.model.OAuth2AccessToken;
import java.io.IOException;
import java.time.Instant;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.orthancalbums.core.testing.Stack;

/**
 * A real session (OidcSession) of the stack's test client whose access tokens live one second, so
 * the session renews them with its refresh token all the time, as a long day of work would.
 */
public final class ShortLivedSession {
    private static final String CLIENT = "albums-tests-short-lived";
    private static final OkHttpClient HTTP = new OkHttpClient();

    private ShortLivedSession() {
    }

    public static Session of(String user) throws IOException {
        String issuer = Stack.keycloakUrl() + "/realms/" + Stack.realm();
        Request login = new Request.Builder().url(issuer + "/protocol/openid-connect/token").post(new FormBody.Builder()
                .add("grant_type", "password").add("scope", "openid").add("client_id", CLIENT)
                .add("username", user).add("password", user).build()).build();
        try (Response response = HTTP.newCall(login).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException("Keycloak refused " + user + ": " + response.code());
            }
            JsonNode json = new ObjectMapper().readTree(body);
            TokenSet tokens = TokenSet.from(new OAuth2AccessToken(json.path("access_token").asText(), "Bearer",
                    json.path("expires_in").asInt(), json.path("refresh_token").asText(), null, body), null, Instant.now());
            return OidcSession.begin(OidcClient.discover(HTTP, issuer, CLIENT), new InMemoryKeychain().store(issuer), tokens);
        }
    }
}
