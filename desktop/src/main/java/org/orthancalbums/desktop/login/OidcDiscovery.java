package org.orthancalbums.desktop.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Reads an issuer's {@code /.well-known/openid-configuration}. I/O only. */
public final class OidcDiscovery {
    private final OkHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    public OidcDiscovery(OkHttpClient http) {
        this.http = http;
    }

    public OidcEndpoints fetch(String issuer) throws IOException {
        String expectedIssuer = withoutTrailingSlash(issuer.strip());
        HttpUrl url = HttpUrl.parse(expectedIssuer + "/.well-known/openid-configuration");
        if (url == null) {
            throw new IOException("'" + issuer + "' is not a web address: the server's sign-in settings are wrong");
        }
        JsonNode document;
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("The sign-in server " + expectedIssuer + " answered " + response.code() + " instead of its OpenID configuration");
            }
            document = mapper.readTree(response.body().byteStream());
        }
        // OpenID Connect Discovery 1.0 §4.3: a document for another issuer must not be used.
        String announcedIssuer = withoutTrailingSlash(required(document, "issuer"));
        if (!expectedIssuer.equals(announcedIssuer)) {
            throw new IOException("The sign-in server calls itself " + announcedIssuer + ", not " + expectedIssuer
                    + ": the server's sign-in settings are wrong");
        }
        return new OidcEndpoints(expectedIssuer, required(document, "authorization_endpoint"), required(document, "token_endpoint"),
                text(document, "end_session_endpoint"), text(document, "revocation_endpoint"),
                text(document, "device_authorization_endpoint"));
    }

    private static String required(JsonNode document, String field) throws IOException {
        String value = text(document, field);
        if (value == null) {
            throw new IOException("The sign-in server's OpenID configuration has no " + field);
        }
        return value;
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static String withoutTrailingSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
