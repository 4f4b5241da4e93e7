package org.orthancalbums.desktop.remote;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The app's HTTP clients: one connection pool, large socket writes (uploads are the big traffic). */
public final class HttpClients {
    private HttpClients() {
    }

    public static OkHttpClient create() {
        return new OkHttpClient.Builder()
                .socketFactory(new LargeWriteSocketFactory())
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The same client, patient with STOW answers: one comes once the server has stored the batch's last instances. */
    public static OkHttpClient forUploads(OkHttpClient http) {
        return http.newBuilder().readTimeout(Duration.ofMinutes(5)).build();
    }
}
