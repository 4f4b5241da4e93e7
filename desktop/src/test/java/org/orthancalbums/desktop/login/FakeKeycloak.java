package org.orthancalbums.desktop.login;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a Keycloak realm, as strict as the real one where the login services could go wrong
 * (PKCE S256, redirect_uri, client_id in the body, refused refresh tokens), and scriptable to fail.
 */
final class FakeKeycloak implements AutoCloseable {
    static final String CLIENT_ID = "albums-desktop";

    enum RefreshAnswer { TOKENS, INVALID_GRANT, UNKNOWN_ERROR, SERVER_ERROR }

    private record Authorization(String challenge, String redirectUri, String session) {
    }

    private final HttpServer server;
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    private final Set<String> liveSessions = ConcurrentHashMap.newKeySet();
    final AtomicInteger refreshes = new AtomicInteger();
    final AtomicInteger logouts = new AtomicInteger();
    /** expires_in of the next tokens. */
    volatile int expiresIn = 300;
    volatile RefreshAnswer refreshAnswer = RefreshAnswer.TOKENS;
    /** The name claim; null leaves it out. */
    volatile String name = "Alice Martin";
    /** When set, the login page redirects back with this error instead of a code. */
    volatile String authorizationError;
    /** When set, the token endpoint refuses every authorization code. */
    volatile boolean refuseCodes;
    volatile Map<String, String> lastAuthorizationRequest = Map.of();

    private FakeKeycloak(HttpServer server) {
        this.server = server;
    }

    static FakeKeycloak start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeKeycloak keycloak = new FakeKeycloak(server);
        server.createContext("/realms/test/", keycloak::handle);
        server.start();
        return keycloak;
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    }

    OidcEndpoints endpoints() {
        String base = issuer() + "/protocol/openid-connect";
        return new OidcEndpoints(issuer(), base + "/auth", base + "/token", base + "/logout", base + "/revoke", null);
    }

    OidcClient client() {
        return new OidcClient(endpoints(), CLIENT_ID);
    }

    /** A refresh token of a new session, as a password login would give. */
    String newRefreshToken() {
        String session = UUID.randomUUID().toString();
        liveSessions.add(session);
        return refreshToken(session);
    }

    /** Stops answering: the network is down. */
    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/realms/test".length());
            Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
            if ("POST".equals(exchange.getRequestMethod())) {
                params = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            switch (path) {
                case "/.well-known/openid-configuration" -> send(exchange, 200, discovery());
                case "/protocol/openid-connect/auth" -> authorize(exchange, params);
                case "/protocol/openid-connect/token" -> token(exchange, params);
                case "/protocol/openid-connect/logout" -> logout(exchange, params);
                default -> send(exchange, 404, "{}");
            }
        }
    }

    private String discovery() {
        OidcEndpoints endpoints = endpoints();
        return "{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s\",\"token_endpoint\":\"%s\",\"end_session_endpoint\":\"%s\",\"revocation_endpoint\":\"%s\"}"
                .formatted(endpoints.issuer(), endpoints.authorization(), endpoints.token(), endpoints.endSession(), endpoints.revocation());
    }

    /** The user logs in at once: redirect back with a code (or the scripted error). */
    private void authorize(HttpExchange exchange, Map<String, String> params) throws IOException {
        lastAuthorizationRequest = params;
        String redirectUri = params.get("redirect_uri");
        if (!"code".equals(params.get("response_type")) || !CLIENT_ID.equals(params.get("client_id"))
                || !"S256".equals(params.get("code_challenge_method")) || redirectUri == null || !redirectUri.startsWith("http://127.0.0.1:")) {
            send(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String answer;
        if (authorizationError != null) {
            answer = "error=" + authorizationError + "&error_description=" + encode("The user said no");
        } else {
            String code = UUID.randomUUID().toString();
            codes.put(code, new Authorization(params.get("code_challenge"), redirectUri, UUID.randomUUID().toString()));
            answer = "code=" + code;
        }
        exchange.getResponseHeaders().set("Location", redirectUri + "?state=" + encode(params.get("state")) + "&" + answer);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, Map<String, String> params) throws IOException {
        if (!CLIENT_ID.equals(params.get("client_id"))) {
            send(exchange, 401, "{\"error\":\"invalid_client\"}");
        } else if ("authorization_code".equals(params.get("grant_type"))) {
            Authorization authorization = codes.remove(params.getOrDefault("code", ""));
            if (refuseCodes || authorization == null || !authorization.redirectUri().equals(params.get("redirect_uri"))
                    || !authorization.challenge().equals(s256(params.getOrDefault("code_verifier", "")))) {
                send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Code not valid\"}");
                return;
            }
            liveSessions.add(authorization.session());
            send(exchange, 200, tokens(authorization.session()));
        } else if ("refresh_token".equals(params.get("grant_type"))) {
            refreshes.incrementAndGet();
            String session = sessionOf(params.getOrDefault("refresh_token", ""));
            switch (refreshAnswer) {
                case SERVER_ERROR -> send(exchange, 500, "<html>Internal error</html>");
                case UNKNOWN_ERROR -> send(exchange, 400, "{\"error\":\"not_allowed\"}");
                case INVALID_GRANT -> send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}");
                case TOKENS -> send(exchange, liveSessions.contains(session) ? 200 : 400,
                        liveSessions.contains(session) ? tokens(session) : "{\"error\":\"invalid_grant\",\"error_description\":\"Session not active\"}");
            }
        } else {
            send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private void logout(HttpExchange exchange, Map<String, String> params) throws IOException {
        logouts.incrementAndGet();
        if (!CLIENT_ID.equals(params.get("client_id"))) {
            send(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        liveSessions.remove(sessionOf(params.getOrDefault("refresh_token", "")));
        exchange.sendResponseHeaders(204, -1);
    }

    private String tokens(String session) {
        String claims = "{\"jti\":\"" + UUID.randomUUID() + "\",\"preferred_username\":\"alice\""
                + (name == null ? "" : ",\"name\":\"" + name + "\"") + "}";
        String accessToken = base64("{\"alg\":\"none\"}") + "." + base64(claims) + ".c2ln";
        return "{\"access_token\":\"%s\",\"expires_in\":%d,\"refresh_token\":\"%s\",\"token_type\":\"Bearer\"}"
                .formatted(accessToken, expiresIn, refreshToken(session));
    }

    /** Rotated at each refresh, like Keycloak's; all of a session's tokens die with it. */
    private static String refreshToken(String session) {
        return session + "." + UUID.randomUUID();
    }

    private static String sessionOf(String refreshToken) {
        int dot = refreshToken.indexOf('.');
        return dot < 0 ? "" : refreshToken.substring(0, dot);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> params = new HashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                String[] nameValue = pair.split("=", 2);
                params.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static Map<String, String> queryOf(String url) {
        return form(URI.create(url).getRawQuery());
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
