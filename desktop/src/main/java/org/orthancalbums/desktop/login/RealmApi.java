package org.orthancalbums.desktop.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.builder.api.DefaultApi20;
import com.github.scribejava.core.extractors.OAuth2AccessTokenJsonExtractor;
import com.github.scribejava.core.extractors.TokenExtractor;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.oauth2.clientauthentication.ClientAuthentication;
import com.github.scribejava.core.oauth2.clientauthentication.RequestBodyAuthenticationScheme;
import java.io.IOException;

/**
 * ScribeJava's view of one realm: the discovered endpoints (ScribeJava's own KeycloakApi hard-codes
 * {@code /auth/realms/…}) and the client id in the request body (a public client has no secret for
 * HTTP Basic).
 */
final class RealmApi extends DefaultApi20 {
    private final OidcEndpoints endpoints;

    RealmApi(OidcEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String getAccessTokenEndpoint() {
        return endpoints.token();
    }

    @Override
    protected String getAuthorizationBaseUrl() {
        return endpoints.authorization();
    }

    @Override
    public String getRevokeTokenEndpoint() {
        return endpoints.revocation();
    }

    @Override
    public ClientAuthentication getClientAuthentication() {
        return RequestBodyAuthenticationScheme.instance();
    }

    @Override
    public TokenExtractor<OAuth2AccessToken> getAccessTokenExtractor() {
        return RefusalAwareExtractor.INSTANCE;
    }

    /**
     * ScribeJava reports a refusal with unchecked exceptions, and with an IllegalArgumentException when
     * the error code is not one it knows: turn every answer that is not a token into an IOException,
     * telling refusals (4xx) from the provider's own failures (5xx).
     */
    private static final class RefusalAwareExtractor extends OAuth2AccessTokenJsonExtractor {
        static final RefusalAwareExtractor INSTANCE = new RefusalAwareExtractor();
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public void generateError(Response response) throws IOException {
            if (response.getCode() >= 500 || response.getCode() < 400) {
                throw new IOException("The sign-in server failed (HTTP " + response.getCode() + "). Try again later.");
            }
            JsonNode body = parse(response.getBody());
            throw new TokenRefusedException(body.path("error").asText("HTTP " + response.getCode()),
                    body.path("error_description").asText(""));
        }

        private static JsonNode parse(String body) {
            try {
                return MAPPER.readTree(body);
            } catch (IOException notJson) {
                return MAPPER.createObjectNode();
            }
        }
    }
}
