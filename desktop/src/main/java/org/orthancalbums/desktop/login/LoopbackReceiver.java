package org.orthancalbums.desktop.login;

import static org.orthancalbums.desktop.settings.I18n.t;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Receives the login redirect on {@code http://127.0.0.1:{random port}/callback} (RFC 8252 §7.3):
 * one callback, then it stops. The future gets the authorization code once the state matches; a
 * refusal, a foreign state or a missing code fail it with a {@link LoginException}; closing it
 * before the callback cancels it.
 */
public final class LoopbackReceiver implements Closeable {
    private static final String PATH = "/callback";
    /** The literal address, not "localhost": that could resolve to ::1 or be redefined (RFC 8252 §8.3). */
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final HttpServer server;
    private final String expectedState;
    private final CompletableFuture<String> code = new CompletableFuture<>();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LoopbackReceiver(HttpServer server, String expectedState) {
        this.server = server;
        this.expectedState = expectedState;
    }

    public static LoopbackReceiver start(String expectedState) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), 0), 0);
        LoopbackReceiver receiver = new LoopbackReceiver(server, expectedState);
        // No executor: the server's single dispatcher thread handles requests one at a time.
        server.createContext("/", receiver::handle);
        DaemonThreads.runAsDaemon("albums-login-callback-start", server::start);
        receiver.code.whenCompleteAsync((result, failure) -> receiver.stop(), DaemonThreads.named("albums-login-callback-stop"));
        return receiver;
    }

    public String redirectUri() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Completes with the authorization code of a redirect whose state matched. */
    public CompletableFuture<String> code() {
        return code;
    }

    /** Stops listening; a login still waiting for its callback ends cancelled. */
    @Override
    public void close() {
        code.cancel(false);
        stop();
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) || !PATH.equals(exchange.getRequestURI().getPath()) || code.isDone()) {
                send(exchange, 404, CallbackPage.notFound());
                return;
            }
            try {
                String received = codeOf(exchange.getRequestURI().getRawQuery());
                send(exchange, 200, CallbackPage.success());
                code.complete(received);
            } catch (LoginException failure) {
                send(exchange, 400, CallbackPage.failure(failure.getMessage()));
                code.completeExceptionally(failure);
            }
        }
    }

    /** The authorization code of a redirect that belongs to this login and carries one. */
    private String codeOf(String rawQuery) throws LoginException {
        Map<String, String> params = query(rawQuery);
        String state = params.get("state");
        // The state ties the redirect to this attempt: anything else may be a forged or stale login (CSRF).
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), expectedState.getBytes(StandardCharsets.UTF_8))) {
            throw new LoginException(t("login.error.state"));
        }
        String error = params.get("error");
        if (error != null) {
            String description = params.getOrDefault("error_description", "");
            throw new LoginException(t("login.error.refused", description.isBlank() ? error : description + " (" + error + ")"));
        }
        String received = params.getOrDefault("code", "");
        if (received.isBlank()) {
            throw new LoginException(t("login.error.noCode"));
        }
        return received;
    }

    /** HttpServer has already answered 400 to a malformed URI, so every %-escape here decodes. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
