package org.orthancalbums.core.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running local stack, as `./albums stack env` describes it (./albums test exports those
 * variables). Integration tests share one stack and make their own data in it.
 */
public final class Stack {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, Long> TOKEN_TIMES = new ConcurrentHashMap<>();
    /** Keycloak's access tokens live 300 s in the demo realm: fetch a new one well before. */
    private static final long TOKEN_REUSE_MILLIS = 120_000;
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID_TOKEN = Pattern.compile("\"id_token\"\\s*:\\s*\"([^\"]+)\"");

    private Stack() {
    }

    public static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: integration tests need the local stack. "
                    + "Run them with ./albums test, or `./albums stack up` then `set -a; eval \"$(./albums stack env)\"`.");
        }
        return value;
    }

    public static URI orthancUrl() {
        return URI.create(env("ORTHANC_URL"));
    }

    public static URI albumsUrl() {
        return URI.create(env("ALBUMS_URL"));
    }

    public static String keycloakUrl() {
        return env("KEYCLOAK_URL");
    }

    public static String realm() {
        return env("REALM");
    }

    public static String orthancBasicAuth() {
        return basic(env("ORTHANC_ADMIN_USER"), env("ORTHANC_ADMIN_PASSWORD"));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A real Keycloak access token for a demo user (password = user name, admin = admin), cached briefly. */
    public static String accessToken(String user) {
        long now = System.currentTimeMillis();
        if (now - TOKEN_TIMES.getOrDefault(user, 0L) > TOKEN_REUSE_MILLIS) {
            TOKENS.put(user, passwordGrant(user, user));
            TOKEN_TIMES.put(user, now);
        }
        return TOKENS.get(user);
    }

    public static String passwordGrant(String user, String password) {
        return passwordGrant(realm(), env("KEYCLOAK_CLIENT_ID"), user, password);
    }

    /** A password-grant login in any realm of the stack's Keycloak, through any client allowing it: its access token. */
    public static String passwordGrant(String realm, String clientId, String user, String password) {
        return login(realm, clientId, user, password, ACCESS_TOKEN);
    }

    /** The OpenID Connect ID token of a login of a demo user through the desktop app's client: signed like an access token, but not one. */
    public static String idToken(String user) {
        return login(realm(), env("KEYCLOAK_CLIENT_ID"), user, user, ID_TOKEN);
    }

    private static String login(String realm, String clientId, String user, String password, Pattern token) {
        String form = "grant_type=password&scope=openid&client_id=" + clientId + "&username=" + user + "&password=" + password;
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloakUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher matcher = token.matcher(response.body());
            if (response.statusCode() != 200 || !matcher.find()) {
                throw new IllegalStateException("Keycloak refused the login of " + user + ": HTTP " + response.statusCode());
            }
            return matcher.group(1);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Keycloak is unreachable at " + keycloakUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpClient http() {
        return HTTP;
    }

    /** Kills one service of the stack ("orthanc", "albums-server") by its recorded PID, as a crash would. */
    public static void kill(String service) {
        try {
            String pid = java.nio.file.Files.readString(java.nio.file.Path.of(env("STACK_DIR"), service + ".pid")).strip();
            run(new ProcessBuilder("kill", "-KILL", pid));
            // SIGKILL is delivered, not yet done: wait until the process (and its port) is gone, or `up` finds it taken
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Brings the stack back up: what was killed starts again (and is answering when this returns). */
    public static void up() {
        run(new ProcessBuilder(java.nio.file.Path.of(env("STACK_DIR")).getParent().getParent().resolve("stack/stack.sh").toString(), "up"));
    }

    private static void run(ProcessBuilder command) {
        try {
            Process process = command.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                // the script's own words say why; its environment lines (credentials) stay out
                String said = output.lines().filter(line -> !line.contains("=")).reduce("", (a, b) -> a + "\n" + b);
                throw new IllegalStateException(command.command() + " failed:" + said);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
