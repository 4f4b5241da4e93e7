package org.orthancalbums.desktop.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.pkce.PKCE;
import com.github.scribejava.core.pkce.PKCEService;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Login for the command line (OAuth 2.0 Device Authorization Grant, RFC 8628): the tool shows a code
 * and an address, the person logs in on any device with a browser, the tool polls until it is done.
 * Keycloak requires PKCE from the desktop client here too, so the grant carries a challenge.
 */
public final class DeviceLogin {
    /** What the person must do: open {@code verificationUriComplete} (or the URI and type the code). */
    public record Prompt(String userCode, String verificationUri, String verificationUriComplete, Duration expiresIn) {
    }

    private final OkHttpClient http;
    private final OidcClient client;
    private final TokenStore store;
    private final ObjectMapper mapper = new ObjectMapper();

    public DeviceLogin(OkHttpClient http, OidcClient client, TokenStore store) {
        this.http = http;
        this.client = client;
        this.store = store;
    }

    public OidcSession logIn(Consumer<Prompt> show) throws IOException, InterruptedException {
        String endpoint = client.endpoints().deviceAuthorization();
        if (endpoint == null) {
            throw new LoginException("this sign-in server offers no device login; use the desktop app or an upload token");
        }
        PKCE pkce = PKCEService.defaultInstance().generatePKCE();
        JsonNode codes = post(endpoint, new FormBody.Builder().add("client_id", client.clientId()).add("scope", "openid profile email")
                .add("code_challenge", pkce.getCodeChallenge()).add("code_challenge_method", "S256").build());
        show.accept(new Prompt(codes.path("user_code").asText(), codes.path("verification_uri").asText(),
                codes.path("verification_uri_complete").asText(codes.path("verification_uri").asText()),
                Duration.ofSeconds(codes.path("expires_in").asLong(600))));
        Duration interval = Duration.ofSeconds(Math.max(1, codes.path("interval").asLong(5)));
        Instant deadline = Instant.now().plusSeconds(codes.path("expires_in").asLong(600));
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(interval.toMillis());
            Request request = new Request.Builder().url(client.endpoints().token()).post(new FormBody.Builder()
                    .add("grant_type", "urn:ietf:params:oauth:grant-type:device_code").add("client_id", client.clientId())
                    .add("device_code", codes.path("device_code").asText()).add("code_verifier", pkce.getCodeVerifier()).build()).build();
            try (Response response = http.newCall(request).execute()) {
                JsonNode answer = mapper.readTree(response.body().string());
                if (response.isSuccessful()) {
                    TokenSet tokens = new TokenSet(answer.path("access_token").asText(), answer.path("refresh_token").asText(null),
                            Duration.ofSeconds(answer.path("expires_in").asLong(60)), Instant.now());
                    return OidcSession.begin(client, store, tokens);
                }
                String error = answer.path("error").asText();
                if (error.equals("slow_down")) {
                    interval = interval.plusSeconds(5);
                } else if (!error.equals("authorization_pending")) {
                    throw new LoginException("the sign-in server refused the login (" + error + ")");
                }
            }
        }
        throw new LoginException("the login was not completed in time; run the command again");
    }

    private JsonNode post(String url, FormBody form) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).post(form).build()).execute()) {
            JsonNode answer = mapper.readTree(response.body().string());
            if (!response.isSuccessful()) {
                throw new LoginException("the sign-in server refused the device login (" + answer.path("error").asText(String.valueOf(response.code())) + ")");
            }
            return answer;
        }
    }
}
