package org.orthancalbums.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.orthancalbums.core.api.UserView;
import org.orthancalbums.server.http.ApiException;

/**
 * Keycloak's user directory, read through the albums-server client's service account (roles
 * view-users and query-users): search for the share dialog, look-up of a user being added.
 */
public final class UserDirectory {

    private final OkHttpClient http;
    private final URI keycloakUrl;
    private final String realm;
    private final String clientId;
    private final String clientSecret;
    private final ObjectMapper mapper = new ObjectMapper();
    private String serviceToken;
    private Instant serviceTokenExpiry = Instant.EPOCH;

    public UserDirectory(OkHttpClient http, URI keycloakUrl, String realm, String clientId, String clientSecret) {
        this.http = http;
        this.keycloakUrl = keycloakUrl;
        this.realm = realm;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * Enabled people whose user name, name or e-mail starts with {@code text} (no wildcards: Keycloak would
     * read "*" as "everyone"). An e-mail is handed out only to a search that matched it, so that searching
     * by name does not reveal addresses.
     */
    public List<UserView> search(String text, int max) {
        if (text.chars().anyMatch(c -> c == '*' || c == '"' || Character.isISOControl(c))) {
            throw ApiException.badRequest("search with letters of a name or an e-mail address, without * or quotes");
        }
        HttpUrl url = adminUrl().addPathSegment("users").addQueryParameter("search", text)
                .addQueryParameter("briefRepresentation", "true").addQueryParameter("max", Integer.toString(max)).build();
        List<UserView> users = new ArrayList<>();
        for (JsonNode node : get(url)) {
            if (node.path("enabled").asBoolean(true) && !node.path("username").asText().startsWith("service-account-")) {
                UserView user = user(node);
                boolean emailMatched = user.email().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
                users.add(emailMatched ? user : new UserView(user.id(), user.username(), user.name(), ""));
            }
        }
        return users;
    }

    public Optional<UserView> find(String userId) {
        if (!userId.matches("[A-Za-z0-9-]{1,64}")) {
            return Optional.empty();
        }
        try {
            JsonNode node = get(adminUrl().addPathSegment("users").addPathSegment(userId).build());
            return node.path("enabled").asBoolean(true) ? Optional.of(user(node)) : Optional.empty();
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private HttpUrl.Builder adminUrl() {
        return HttpUrl.get(keycloakUrl.toString()).newBuilder().addPathSegments("admin/realms").addPathSegment(realm);
    }

    private JsonNode get(HttpUrl url) {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + serviceToken()).build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 404) {
                throw ApiException.notFound("no such user");
            }
            if (!response.isSuccessful()) {
                throw new ApiException(502, "directory_unavailable", "the user directory (Keycloak) answered " + response.code());
            }
            return mapper.readTree(response.body().byteStream());
        } catch (IOException e) {
            throw new ApiException(502, "directory_unavailable", "the user directory (Keycloak) is unreachable");
        }
    }

    private synchronized String serviceToken() {
        if (serviceToken != null && Instant.now().isBefore(serviceTokenExpiry)) {
            return serviceToken;
        }
        Request request = new Request.Builder()
                .url(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token")
                .post(new FormBody.Builder().add("grant_type", "client_credentials")
                        .add("client_id", clientId).add("client_secret", clientSecret).build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new ApiException(502, "directory_unavailable",
                        "Keycloak refused albums-server's service account (" + response.code() + "): check KEYCLOAK_SERVER_CLIENT_SECRET");
            }
            JsonNode token = mapper.readTree(response.body().byteStream());
            serviceToken = token.path("access_token").asText();
            // renew a little early so that a token never expires on its way
            serviceTokenExpiry = Instant.now().plusSeconds(Math.max(5, token.path("expires_in").asLong(60) - 15));
            return serviceToken;
        } catch (IOException e) {
            throw new ApiException(502, "directory_unavailable", "the user directory (Keycloak) is unreachable");
        }
    }

    private static UserView user(JsonNode node) {
        String name = (node.path("firstName").asText("") + " " + node.path("lastName").asText("")).strip();
        return new UserView(node.path("id").asText(), node.path("username").asText(),
                name.isEmpty() ? node.path("username").asText() : name, node.path("email").asText(""));
    }
}
