package org.orthancalbums.server;

import io.javalin.Javalin;
import java.util.Map;
import org.orthancalbums.server.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: reads the configuration, wires the services and starts the HTTP server. */
public final class AlbumsServer {
    private static final Logger LOG = LoggerFactory.getLogger(AlbumsServer.class);
    public static final String VERSION = AlbumsServer.class.getPackage().getImplementationVersion() != null
            ? AlbumsServer.class.getPackage().getImplementationVersion() : "dev";

    private final Javalin app;

    public AlbumsServer(ServerConfig config) {
        app = Javalin.create(javalin -> javalin.showJavalinBanner = false);
        app.get("/api/config", ctx -> ctx.json(Map.of(
                "issuer", config.issuer().toString(),
                "clientId", config.keycloakClientId(),
                "dicomWebRoot", config.dicomWebPublicUrl().toString(),
                "serverVersion", VERSION)));
        app.exception(ApiException.class, (e, ctx) ->
                ctx.status(e.status()).json(Map.of("error", e.error(), "message", e.getMessage())));
        app.start(config.httpHost(), config.httpPort());
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment();
        } catch (ServerConfig.InvalidConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AlbumsServer server = new AlbumsServer(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        LOG.info("albums-server {} listening on {}:{}", VERSION, config.httpHost(), server.port());
    }
}
