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
        Request request = new Request.Builder().url(base.newBuilder().addPathSegments("api/config").build()).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException(base + " answered " + response.code() + ": is it an Orthanc Albums server?");
            }
            return mapper.readValue(response.body().byteStream(), ServerInfo.class);
        }
    }
}
