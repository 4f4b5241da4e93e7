package org.orthancalbums.desktop.login;

import static org.orthancalbums.desktop.settings.I18n.t;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.orthancalbums.core.api.Json;
import org.orthancalbums.core.api.ServerInfo;

/** Reads the server's public configuration ({@code GET /api/config}). I/O only, no JavaFX. */
public final class ServerConfigService {
    private final OkHttpClient http;
    private final ObjectMapper mapper = Json.lenientMapper();

    public ServerConfigService(OkHttpClient http) {
        this.http = http;
    }

    public ServerInfo fetch(String serverUrl) throws IOException {
        HttpUrl base = HttpUrl.parse(serverUrl.strip());
        if (base == null) {
            throw new IllegalArgumentException(t("connect.notAnAddress", serverUrl));
        }
        requireEncrypted(base);
        Request request = new Request.Builder().url(base.newBuilder().addPathSegments("api/config").build()).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException(base + " answered " + response.code() + ": is it an Orthanc Albums server?");
            }
            ServerInfo info = mapper.readValue(response.body().byteStream(), ServerInfo.class);
            // the login goes to Keycloak: the same rule for the address the server names
            HttpUrl issuer = info.issuer() == null ? null : HttpUrl.parse(info.issuer());
            if (issuer != null) {
                requireEncrypted(issuer);
            }
            return info;
        }
    }

    /** Tokens travel only over https, or over plain http to this computer (the local stack). */
    static void requireEncrypted(HttpUrl url) {
        if (!url.isHttps() && !isLoopback(url.host())) {
            throw new IllegalArgumentException(t("connect.plainHttp", url.scheme() + "://" + url.host()));
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    }
}
