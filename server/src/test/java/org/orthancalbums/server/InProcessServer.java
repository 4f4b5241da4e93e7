package org.orthancalbums.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.orthancalbums.core.testing.Stack;

/**
 * A second albums-server inside the test JVM, wired to the stack's Orthanc and Keycloak but with its
 * own settings (another database, an API key): the real class with real configuration, not a mock.
 */
public final class InProcessServer implements AutoCloseable {
    public static final String PLUGIN_USER = "plugin";
    public static final String PLUGIN_PASSWORD = "in-process-plugin-password";

    private final AlbumsServer server;
    private final URI url;

    public InProcessServer(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        int port = freePort();
        env.put("ALBUMS_HTTP_HOST", "127.0.0.1");
        env.put("ALBUMS_HTTP_PORT", Integer.toString(port));
        env.put("ALBUMS_ORTHANC_URL", Stack.env("ORTHANC_URL"));
        env.put("ALBUMS_ORTHANC_USER", Stack.env("ORTHANC_ADMIN_USER"));
        env.put("ALBUMS_ORTHANC_PASSWORD", Stack.env("ORTHANC_ADMIN_PASSWORD"));
        env.put("KEYCLOAK_URL", Stack.keycloakUrl());
        env.put("KEYCLOAK_REALM", Stack.realm());
        env.put("KEYCLOAK_SERVER_CLIENT_SECRET", Stack.env("KEYCLOAK_SERVER_CLIENT_SECRET"));
        env.put("ALBUMS_PLUGIN_USERS", "{\"" + PLUGIN_USER + "\":\"" + PLUGIN_PASSWORD + "\"}");
        env.put("SECRET_KEY", "in-process-secret-key-0123456789abcdef");
        env.putAll(overrides);
        server = new AlbumsServer(ServerConfig.from(env, null));
        url = URI.create("http://127.0.0.1:" + server.port());
    }

    public URI url() {
        return url;
    }

    public Api as(String user) {
        return Api.at(url, "Bearer " + Stack.accessToken(user));
    }

    public Api plugin() {
        return Api.at(url, Stack.basic(PLUGIN_USER, PLUGIN_PASSWORD));
    }

    @Override
    public void close() {
        server.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
