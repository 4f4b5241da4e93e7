package org.orthancalbums.desktop.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The local stack speaks plain HTTP, real servers speak HTTPS: the app's client, whose sockets gather
 * writes into large ones, must still complete TLS handshakes (TLS records are flushed one by one) and
 * send large bodies. A local HTTPS server with a test certificate for localhost stands in.
 */
class HttpClientsTest {

    @Test
    void talksHttpsAndSendsLargeBodies() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = HttpClientsTest.class.getResourceAsStream("/tls/localhost.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] answer = ("received " + exchange.getRequestBody().readAllBytes().length).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            OkHttpClient http = HttpClients.create().newBuilder()
                    .sslSocketFactory(tls.getSocketFactory(), (X509TrustManager) trust.getTrustManagers()[0])
                    .callTimeout(30, TimeUnit.SECONDS).build();
            String url = "https://localhost:" + server.getAddress().getPort() + "/";
            try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
                assertThat(response.body().string()).isEqualTo("received 0");
            }
            byte[] large = new byte[5_000_001];
            try (Response response = http.newCall(new Request.Builder().url(url)
                    .post(RequestBody.create(large, MediaType.get("application/dicom"))).build()).execute()) {
                assertThat(response.body().string()).isEqualTo("received 5000001");
            }
        } finally {
            server.stop(0);
        }
    }
}
