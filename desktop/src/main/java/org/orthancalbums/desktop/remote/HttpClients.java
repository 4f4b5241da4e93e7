package org.orthancalbums.desktop.remote;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The app's one kind of HTTP client: large socket writes for uploads, patient timeouts for STOW answers. */
public final class HttpClients {
    private HttpClients() {
    }

    public static OkHttpClient create() {
        return new OkHttpClient.Builder()
                .socketFactory(new LargeWriteSocketFactory())
                .connectTimeout(Duration.ofSeconds(10))
                // a STOW answer comes once the server has stored the batch's last instances
                .readTimeout(Duration.ofMinutes(5))
                .build();
    }
}
