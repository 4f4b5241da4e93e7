package org.orthancalbums.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.orthancalbums.core.api.Json;
import org.orthancalbums.server.auth.ProfileService;
import org.orthancalbums.server.auth.RolesSettings;
import org.orthancalbums.server.ingest.DicomIngestService;
import org.orthancalbums.server.tokens.ShareService;

/**
 * What Orthanc asks albums-server, behind HTTP basic auth with the configured plugin users: the web
 * service of its Advanced Authorization plugin (orthanc-auth-service's routes and JSON), and the
 * questions of its Lua filter about instances received over DICOM ({@code deploy/albums-filter.lua}).
 */
public final class PluginRoutes {
    private static final ObjectMapper JSON = Json.lenientMapper();
    private final Map<String, byte[]> users;
    private final ProfileService profiles;
    private final ShareService shares;
    private final RolesSettings roles;
    private final DicomIngestService dicom;
    private final WorkPool work;

    public PluginRoutes(Map<String, String> users, ProfileService profiles, ShareService shares, RolesSettings roles,
                        DicomIngestService dicom, WorkPool work) {
        this.users = users.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8)));
        this.profiles = profiles;
        this.shares = shares;
        this.roles = roles;
        this.dicom = dicom;
        this.work = work;
    }

    public void register(Javalin app) {
        for (String path : new String[] {"/user/*", "/tokens/*", "/settings/*", "/dicom/*"}) {
            app.before(path, this::checkBasicAuth);
        }
        app.post("/user/get-profile", ctx -> {
            var body = Requests.pluginBody(ctx);
            Handler answerProfile = c -> answer(c, profiles.profileJson(body));
            if (ProfileService.asksDirectory(body)) {
                work.run(answerProfile).handle(ctx); // a profile by user id (audit logs): Keycloak answers it
            } else {
                answerProfile.handle(ctx); // from memory and the database
            }
        });
        app.post("/tokens/validate", ctx -> {
            var body = Requests.pluginBody(ctx);
            // the plugin repeats the token as an HTTP header named by token-key (e.g. "token")
            String key = body.path("token-key").asText("");
            String header = key.isEmpty() || key.equalsIgnoreCase("authorization") ? null : ctx.header(key);
            answer(ctx, JSON.writeValueAsBytes(shares.validate(body, header)));
        });
        // decoding reads the shared studies' labels in Orthanc; the DICOM filter reads and writes Orthanc too
        WorkPool.Routes waiting = work.routes(app);
        waiting.post("/tokens/decode", ctx -> answer(ctx, JSON.writeValueAsBytes(shares.decode(Requests.pluginBody(ctx)))));
        app.put("/tokens/{type}", ctx -> ctx.json(shares.create(ctx.pathParam("type"))));
        waiting.post("/dicom/admit", ctx -> {
            var body = Requests.pluginBody(ctx);
            ctx.json(Map.of("status", dicom.admit(body.path("calledAet").asText(null), body.path("studyInstanceUid").asText(null),
                    body.path("seriesInstanceUid").asText(null), body.path("sopInstanceUid").asText(null))));
        });
        waiting.post("/dicom/stored", ctx -> {
            var body = Requests.pluginBody(ctx);
            dicom.stored(body.path("calledAet").asText(null), body.path("instanceId").asText(null));
            ctx.status(204);
        });
        app.get("/settings/roles", ctx -> ctx.json(roles.get()));
        app.put("/settings/roles", ctx -> ctx.json(roles.put(Requests.pluginBody(ctx))));
    }

    /**
     * A JSON answer written straight to the connection. These routes answer every request a user makes of
     * Orthanc: Javalin's own result path copies each answer through a fresh 32 KiB buffer, which was most of the
     * server's garbage under load, and so of its collector's pauses.
     */
    private static void answer(Context ctx, byte[] json) throws java.io.IOException {
        ctx.res().setContentType("application/json");
        ctx.res().setContentLength(json.length);
        ctx.res().getOutputStream().write(json);
    }

    private void checkBasicAuth(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                byte[] expected = users.get(decoded.substring(0, colon));
                byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
                if (expected != null && MessageDigest.isEqual(expected, given)) {
                    return;
                }
            }
        }
        ctx.header("WWW-Authenticate", "Basic realm=\"albums-server\"");
        throw ApiException.unauthorized("the authorization plugin's routes need HTTP basic auth with a configured plugin user");
    }
}
