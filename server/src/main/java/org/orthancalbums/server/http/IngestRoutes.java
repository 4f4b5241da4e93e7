package org.orthancalbums.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Set;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.stow.ContentType;
import org.orthancalbums.server.albums.AlbumService;
import org.orthancalbums.server.auth.Caller;
import org.orthancalbums.server.auth.TokenVerifier;
import org.orthancalbums.server.ingest.IngestService;
import org.orthancalbums.server.ingest.UploadTarget;
import org.orthancalbums.server.tokens.AlbumToken;
import org.orthancalbums.server.tokens.AlbumTokenService;

/**
 * STOW-RS into albums: with a Keycloak token into a chosen album, or with an album upload token (as
 * a bearer token, or in the path for tools that cannot set headers).
 */
public final class IngestRoutes {
    private final IngestService ingest;
    private final AlbumService albums;
    private final AlbumTokenService tokens;
    private final WorkPool work;

    public IngestRoutes(IngestService ingest, AlbumService albums, AlbumTokenService tokens, WorkPool work) {
        this.ingest = ingest;
        this.albums = albums;
        this.tokens = tokens;
        this.work = work;
    }

    public void register(Javalin app) {
        // an upload lasts as long as its sender takes
        WorkPool.Routes uploads = work.routes(app);
        uploads.post("/api/albums/{id}/dicom-web/studies", ctx -> {
            Caller caller = ApiRoutes.caller(ctx);
            AlbumService.Access access = albums.require(caller, ctx.pathParam("id"), AlbumAction.UPLOAD);
            store(ctx, new UploadTarget(access.album(), caller, albums.labelsWritableBy(caller), caller.isAdmin(), "app"));
        });
        uploads.post("/dicom-web/studies", ctx -> store(ctx, byToken(TokenVerifier.stripBearer(ctx.header("Authorization")))));
        uploads.post("/t/{token}/dicom-web/studies", ctx -> store(ctx, byToken(ctx.pathParam("token"))));
    }

    /** An upload token reaches its album only: it may add to new studies or to studies already in that album. */
    private UploadTarget byToken(String secret) {
        AlbumTokenService.Resolved resolved = tokens.resolve(secret, AlbumToken.Kind.UPLOAD)
                .orElseThrow(() -> ApiException.unauthorized("this upload link is not valid: it may have expired or been revoked"));
        return new UploadTarget(resolved.album(), resolved.asCaller(), Set.of(resolved.album().label()), false,
                "token " + resolved.token().id());
    }

    private void store(Context ctx, UploadTarget target) throws IOException {
        IngestService.Result result = ingest.ingest(target, ctx.header("Content-Type"), ctx.req().getContentLengthLong(),
                ctx.req().getInputStream());
        ctx.status(result.status()).contentType(ContentType.APPLICATION_DICOM_JSON).result(result.response().toJson());
    }
}
