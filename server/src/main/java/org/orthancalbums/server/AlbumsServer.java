package org.orthancalbums.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.orthancalbums.core.api.Json;
import org.orthancalbums.core.api.ServerInfo;
import org.orthancalbums.server.albums.AlbumRepository;
import org.orthancalbums.server.albums.AlbumService;
import org.orthancalbums.server.auth.ProfileService;
import org.orthancalbums.server.auth.RolesSettings;
import org.orthancalbums.server.auth.TokenVerifier;
import org.orthancalbums.server.auth.UserDirectory;
import org.orthancalbums.server.db.Database;
import org.orthancalbums.server.http.ApiException;
import org.orthancalbums.server.http.ApiRoutes;
import org.orthancalbums.server.http.IngestRoutes;
import org.orthancalbums.server.ingest.DicomIngestService;
import org.orthancalbums.server.ingest.IngestService;
import org.orthancalbums.server.http.PluginRoutes;
import org.orthancalbums.server.http.WorkPool;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.orthancalbums.server.orthanc.OrthancException;
import org.orthancalbums.server.orthanc.StudyFinder;
import org.orthancalbums.server.tokens.AlbumTokenRepository;
import org.orthancalbums.server.tokens.AlbumTokenService;
import org.orthancalbums.core.api.TokenViews;
import org.orthancalbums.server.tokens.ShareLinkService;
import org.orthancalbums.server.tokens.ShareService;
import org.orthancalbums.server.tokens.ShareTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point and wiring: reads the configuration, builds the services, starts the HTTP server. */
public final class AlbumsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlbumsServer.class);
    public static final String VERSION = AlbumsServer.class.getPackage().getImplementationVersion() != null
            ? AlbumsServer.class.getPackage().getImplementationVersion() : "dev";
    /** JSON bodies of the API and of the plugin are small; uploads stream and have their own limit. */
    private static final long MAX_JSON_BODY = 1_000_000;
    private static final int UPLOAD_READ_BUFFER = 64 * 1024;

    private final Database db;
    private final IngestService ingest;
    private final DicomIngestService dicomIngest;
    private final WorkPool work = new WorkPool();
    private final Javalin app;

    public AlbumsServer(ServerConfig config) {
        Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC); // the database keeps milliseconds
        db = new Database(config.dbUrl(), config.dbUser(), config.dbPassword());
        OrthancClient orthanc = new OrthancClient(config.orthancUrl(), config.orthancUser(), config.orthancPassword(),
                config.orthancApiKey(), Duration.ofSeconds(config.orthancTimeoutSeconds()));
        OkHttpClient http = orthanc.http();
        UserDirectory directory = new UserDirectory(http, config.keycloakUrl(), config.keycloakRealm(),
                config.keycloakServerClientId(), config.keycloakServerClientSecret());
        TokenVerifier verifier = new TokenVerifier(config.issuer(), config.plugin().acceptedAudiences());
        AlbumRepository albumRepository = new AlbumRepository(db);
        AlbumService albums = new AlbumService(albumRepository, orthanc, new StudyFinder(orthanc), directory, clock);
        AlbumTokenService albumTokens = new AlbumTokenService(new AlbumTokenRepository(db), albumRepository, albums, orthanc,
                clock, Duration.ofSeconds(config.maxViewTokenSeconds()), Duration.ofSeconds(config.maxUploadTokenSeconds()),
                config.publicUrl().toString().replaceAll("/+$", "") + "/dicom-web", config.dicomWebPublicUrl().toString(),
                new TokenViews.DicomDestination(config.dicom().host(), config.dicom().port(), null));
        ingest = new IngestService(orthanc, albums, db, clock, config.maxUploadBytes(), config.dicomWebPublicUrl().toString(),
                Path.of(System.getProperty("java.io.tmpdir")));
        dicomIngest = new DicomIngestService(orthanc, albums, albumTokens, db, clock, config.dicom().trustedAeTitles());
        RolesSettings roles = new RolesSettings(db);
        ProfileService profiles = new ProfileService(verifier, albumTokens, albumRepository, roles, directory, config.plugin(),
                config.orthancApiKey());
        ShareTokens shareTokens = new ShareTokens(config.secretKey());
        ShareService shares = new ShareService(shareTokens, albumTokens, profiles, albums, orthanc, config.plugin(), clock);
        ShareLinkService shareLinks = new ShareLinkService(shareTokens, albums, orthanc, config.plugin(), clock,
                Duration.ofSeconds(config.maxViewTokenSeconds()));
        ServerInfo info = new ServerInfo(config.issuer().toString(), config.keycloakClientId(),
                config.dicomWebPublicUrl().toString(), VERSION);

        app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.http.maxRequestSize = MAX_JSON_BODY;
            // One acceptor, one selector and a request thread per core, none parked in reserve, answer the plugin from
            // memory: each thread more than the cores can run waits on the scheduler, and the plugin's slowest answers
            // with it (./albums bench authz, 16 connections on 2 cores: p99 10-15 ms with a thread per connection,
            // 1.4-8.4 ms with 4 request threads, 2.5-3.5 ms with 2). Requests that wait on Orthanc, Keycloak or an
            // uploader run on the WorkPool.
            QueuedThreadPool jettyThreads = new QueuedThreadPool(config.httpThreads(), config.httpThreads());
            jettyThreads.setReservedThreads(0);
            jettyThreads.setName("http");
            javalin.jetty.threadPool = jettyThreads;
            javalin.jsonMapper(new JavalinJackson(Json.lenientMapper(), false));
            // HTTP/1.1 and cleartext HTTP/2: Jetty 11 answers 400 to an h2c upgrade it cannot do
            javalin.jetty.addConnector((server, httpConfig) -> {
                HttpConnectionFactory http1 = new HttpConnectionFactory(httpConfig);
                // uploads arrive at hundreds of MB/s: 64 KiB reads instead of 8 KiB cut the per-read work 8 times
                http1.setInputBufferSize(UPLOAD_READ_BUFFER);
                // Jetty's defaults grow with the cores (up to 4 + 4 threads), past what a small ALBUMS_HTTP_THREADS leaves
                ServerConnector connector = new ServerConnector(server, 1, 1, http1, new HTTP2CServerConnectionFactory(httpConfig));
                connector.setHost(config.httpHost());
                connector.setPort(config.httpPort());
                return connector;
            });
            javalin.requestLogger.http((ctx, ms) -> {
                if (config.accessLog().shows(ctx.path(), ctx.statusCode())) {
                    String cutShort = ctx.attribute(ApiRoutes.CUT_SHORT);
                    LOG.info("{} {} {} {} ms{}", ctx.method(), loggablePath(ctx), ctx.statusCode(), Math.round(ms),
                            cutShort == null ? "" : ", " + cutShort);
                }
            });
        });
        new ApiRoutes(albums, albumTokens, shareLinks, directory, verifier, info, work).register(app);
        new PluginRoutes(config.pluginUsers(), profiles, shares, roles, dicomIngest, work).register(app);
        new IngestRoutes(ingest, albums, albumTokens, work).register(app);
        registerErrors(app);
        app.start();
    }

    private static void registerErrors(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.error(), e.getMessage()));
        app.exception(OrthancException.class, (e, ctx) -> {
            LOG.warn("Orthanc call failed: {}", e.getMessage());
            // Orthanc's address and answer are for the operator's log, not for callers
            if (e.status() == 0) {
                answer(ctx, 503, "orthanc_unavailable", "the image archive (Orthanc) is not answering. Try again in a moment.");
            } else {
                answer(ctx, 502, "orthanc_failed", "the image archive (Orthanc) failed. Try again later.");
            }
        });
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(),
                e.getStatus() == 413 ? "too_large" : "http_" + e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), loggablePath(ctx), e);
            answer(ctx, 500, "internal", "albums-server failed unexpectedly; the operator can find the cause in its log");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                answer(ctx, 404, "not_found", "no such route: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> answer(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
    }

    private static void answer(Context ctx, int status, String error, String message) {
        ctx.status(status).json(Map.of("error", error, "message", message == null ? "" : message));
    }

    /** Paths may carry an upload token (/t/{token}/...): never write it to the log. */
    static String loggablePath(Context ctx) {
        return ctx.path().replaceFirst("^/t/[^/]+", "/t/***");
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        work.close();
        ingest.close();
        dicomIngest.close();
        db.close();
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
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        LOG.info("albums-server {} listening on {}:{}", VERSION, config.httpHost(), server.port());
    }
}
