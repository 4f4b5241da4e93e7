package org.orthancalbums.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.jetty.server.Request;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.AlbumRequests.CreateAlbum;
import org.orthancalbums.core.api.AlbumRequests.SetRole;
import org.orthancalbums.core.api.AlbumRequests.UpdateAlbum;
import org.orthancalbums.core.api.Me;
import org.orthancalbums.core.api.ServerInfo;
import org.orthancalbums.core.api.TokenViews;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.server.albums.AlbumService;
import org.orthancalbums.server.auth.Caller;
import org.orthancalbums.server.auth.InvalidTokenException;
import org.orthancalbums.server.auth.TokenVerifier;
import org.orthancalbums.server.auth.UserDirectory;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.orthancalbums.server.orthanc.OrthancException;
import org.orthancalbums.server.orthanc.StudyFinder;
import org.orthancalbums.server.tokens.AlbumTokenService;
import org.orthancalbums.server.tokens.ShareLinkService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The album API for the desktop app and scripts. Each handler parses, calls one service method, answers. */
public final class ApiRoutes {
    /** A request attribute, for the access log: why a streamed answer ended before its end. */
    public static final String CUT_SHORT = "cutShort";
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
    private static final String CALLER = "caller";
    private static final int STREAM_BUFFER = 64 * 1024;

    private final AlbumService albums;
    private final AlbumTokenService tokens;
    private final UserDirectory directory;
    private final TokenVerifier verifier;
    private final ShareLinkService shareLinks;
    private final ServerInfo info;
    private final WorkPool work;

    public ApiRoutes(AlbumService albums, AlbumTokenService tokens, ShareLinkService shareLinks, UserDirectory directory,
                     TokenVerifier verifier, ServerInfo info, WorkPool work) {
        this.albums = albums;
        this.tokens = tokens;
        this.shareLinks = shareLinks;
        this.directory = directory;
        this.verifier = verifier;
        this.info = info;
        this.work = work;
    }

    public void register(Javalin app) {
        app.get("/api/config", ctx -> ctx.json(info));
        app.before("/api/*", this::authenticate);
        // every album route may wait on Orthanc or Keycloak
        WorkPool.Routes api = work.routes(app);

        api.get("/api/me", ctx -> {
            Caller c = caller(ctx);
            ctx.json(new Me(c.userId(), c.username(), c.displayName(), c.email(), c.roles(), c.canCreateAlbums()));
        });
        api.get("/api/users", ctx -> {
            if (!albums.mayShareSomewhere(caller(ctx))) {
                throw ApiException.forbidden("only people who may share an album can search the directory");
            }
            String search = ctx.queryParam("search") == null ? "" : ctx.queryParam("search").strip();
            if (search.length() < 2) {
                throw ApiException.badRequest("type at least 2 characters to search for people");
            }
            ctx.json(directory.search(search, 20));
        });

        api.get("/api/albums", ctx -> ctx.json(albums.list(caller(ctx), Requests.flag(ctx, "all"))));
        api.post("/api/albums", ctx -> {
            CreateAlbum body = Requests.body(ctx, CreateAlbum.class);
            ctx.status(201).json(albums.create(caller(ctx), body.name(), body.description()));
        });
        api.get("/api/albums/{id}", ctx -> ctx.json(albums.get(caller(ctx), ctx.pathParam("id"))));
        api.patch("/api/albums/{id}", ctx -> {
            UpdateAlbum body = Requests.body(ctx, UpdateAlbum.class);
            ctx.json(albums.update(caller(ctx), ctx.pathParam("id"), body.name(), body.description()));
        });
        api.delete("/api/albums/{id}", ctx -> {
            albums.delete(caller(ctx), ctx.pathParam("id"), Requests.flag(ctx, "deleteStudies"));
            ctx.status(204);
        });

        api.get("/api/albums/{id}/members", ctx -> ctx.json(albums.members(caller(ctx), ctx.pathParam("id"))));
        api.put("/api/albums/{id}/members/{userId}", ctx -> {
            SetRole body = Requests.body(ctx, SetRole.class);
            AlbumRole role = AlbumRole.parse(body.role())
                    .orElseThrow(() -> ApiException.badRequest("'role' must be one of OWNER, EDITOR, CONTRIBUTOR, VIEWER"));
            ctx.json(albums.putMember(caller(ctx), ctx.pathParam("id"), ctx.pathParam("userId"), role));
        });
        api.delete("/api/albums/{id}/members/{userId}", ctx -> {
            albums.removeMember(caller(ctx), ctx.pathParam("id"), ctx.pathParam("userId"));
            ctx.status(204);
        });

        api.get("/api/albums/{id}/studies", ctx -> {
            StudyFinder.Order order = StudyFinder.Sort.parse(ctx.queryParam("sort")).orElseThrow(() -> ApiException.badRequest(
                    "'sort' must be studyDate, patientName, patientId or studyDescription, with a leading - for descending"));
            ctx.json(albums.studies(caller(ctx), ctx.pathParam("id"), ctx.queryParam("search"), order, Requests.offset(ctx),
                    Requests.limit(ctx)));
        });
        api.get("/api/albums/{id}/studies/{uid}", ctx -> ctx.json(albums.details(caller(ctx), ctx.pathParam("id"), studyUid(ctx))));
        api.get("/api/albums/{id}/studies/{uid}/series", ctx -> ctx.json(albums.series(caller(ctx), ctx.pathParam("id"), studyUid(ctx))));
        api.get("/api/albums/{id}/studies/{uid}/series/{seriesUid}/preview", ctx -> {
            // a rendered image: cached a while by the member's own client only
            ctx.contentType("image/png").header("Cache-Control", "private, max-age=300");
            ctx.result(albums.seriesPreview(caller(ctx), ctx.pathParam("id"), studyUid(ctx), uid(ctx, "seriesUid", "SeriesInstanceUID")));
        });
        api.get("/api/albums/{id}/studies/{uid}/instances", ctx ->
                ctx.json(albums.instancesInAlbum(caller(ctx), ctx.pathParam("id"), studyUid(ctx))));
        api.get("/api/albums/{id}/studies/{uid}/files", ctx -> ctx.json(albums.files(caller(ctx), ctx.pathParam("id"), studyUid(ctx))));
        api.get("/api/albums/{id}/studies/{uid}/files/{sopUid}", ctx -> {
            OrthancClient.DicomFile file = albums.file(caller(ctx), ctx.pathParam("id"), studyUid(ctx), uid(ctx, "sopUid", "SOPInstanceUID"));
            // straight through: never the whole file in memory, no compression of already compact pixel data
            ctx.disableCompression();
            ctx.contentType("application/dicom");
            if (file.length() >= 0) {
                ctx.header("Content-Length", Long.toString(file.length()));
            }
            stream(ctx, file.content());
        });
        api.put("/api/albums/{id}/studies/{uid}", ctx -> {
            albums.addStudy(caller(ctx), ctx.pathParam("id"), studyUid(ctx));
            ctx.status(204);
        });
        api.delete("/api/albums/{id}/studies/{uid}", ctx -> {
            albums.removeStudy(caller(ctx), ctx.pathParam("id"), studyUid(ctx));
            ctx.status(204);
        });
        api.post("/api/albums/{id}/tokens", ctx -> ctx.status(201).json(tokens.create(caller(ctx), ctx.pathParam("id"),
                Requests.body(ctx, TokenViews.CreateToken.class))));
        api.get("/api/albums/{id}/tokens", ctx -> ctx.json(tokens.list(caller(ctx), ctx.pathParam("id"))));
        api.delete("/api/albums/{id}/tokens/{tokenId}", ctx -> {
            tokens.revoke(caller(ctx), ctx.pathParam("id"), ctx.pathParam("tokenId"));
            ctx.status(204);
        });
        // OE2's share and instant-link buttons, routed here by the reverse proxy with the user's token
        api.put("/api/share-tokens/{type}", ctx -> ctx.json(shareLinks.create(caller(ctx), ctx.pathParam("type"),
                Requests.pluginBody(ctx))));
        api.get("/api/albums/{id}/events", ctx -> ctx.json(albums.events(caller(ctx), ctx.pathParam("id"),
                Requests.offset(ctx), Requests.limit(ctx))));
    }

    private void authenticate(Context ctx) {
        if (ctx.path().equals("/api/config")) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiException.unauthorized("log in first: this route needs a bearer token");
        }
        try {
            ctx.attribute(CALLER, verifier.verify(header));
        } catch (InvalidTokenException e) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw ApiException.unauthorized("your session is not valid (" + e.getMessage() + "): log in again");
        }
    }

    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw ApiException.unauthorized("log in first");
        }
        return caller;
    }

    private static String studyUid(Context ctx) {
        return uid(ctx, "uid", "StudyInstanceUID");
    }

    private static String uid(Context ctx, String param, String what) {
        String uid = ctx.pathParam(param);
        if (!Uids.isValid(uid)) {
            throw ApiException.badRequest("'" + (uid.length() > 64 ? uid.substring(0, 64) + "…" : uid) + "' is not a " + what);
        }
        return uid;
    }

    /**
     * Copies a streamed answer (an image from Orthanc) to the caller. Either side may stop half-way, and Javalin's own
     * copy handled neither: a caller gone left no access-log line, and Orthanc breaking off had the error's JSON appended
     * to the image, a whole-looking but corrupt file when the answer was chunked. Now a caller gone is noted for the
     * log, and an answer Orthanc broke off is cut, so the caller sees it short.
     */
    private static void stream(Context ctx, InputStream content) throws IOException {
        try (InputStream in = content) {
            OutputStream out = ctx.res().getOutputStream();
            byte[] buffer = new byte[STREAM_BUFFER];
            long written = 0;
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException orthancBrokeOff) {
                    if (!ctx.res().isCommitted()) {
                        ctx.res().reset(); // nothing sent yet: the usual answer for Orthanc away, without this one's length
                        throw new OrthancException("Orthanc broke off an image after " + written + " bytes", orthancBrokeOff);
                    }
                    LOG.warn("Orthanc broke off an image after {} bytes: {}", written, orthancBrokeOff.toString());
                    ctx.attribute(CUT_SHORT, "cut after " + written + " bytes: Orthanc broke off");
                    Request.getBaseRequest(ctx.req()).getHttpChannel().abort(orthancBrokeOff);
                    return;
                }
                if (n == -1) {
                    return;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException callerGone) {
                    ctx.attribute(CUT_SHORT, "the caller went away after " + written + " bytes were written");
                    return;
                }
                written += n;
            }
        }
    }
}
