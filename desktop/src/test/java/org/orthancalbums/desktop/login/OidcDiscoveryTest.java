package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OidcDiscoveryTest {
    private final FakeKeycloak keycloak = FakeKeycloak.start();
    private final OidcDiscovery discovery = new OidcDiscovery(new OkHttpClient());

    OidcDiscoveryTest() throws IOException {
    }

    @AfterEach
    void stopKeycloak() {
        keycloak.close();
    }

    @Test
    void readsTheEndpointsOfTheIssuer() throws IOException {
        assertThat(discovery.fetch(keycloak.issuer())).isEqualTo(keycloak.endpoints());
        assertThat(discovery.fetch(keycloak.issuer() + "/")).isEqualTo(keycloak.endpoints());
    }

    @Test
    void aDocumentOfAnotherIssuerIsRefused() {
        String sameServerOtherName = keycloak.issuer().replace("127.0.0.1", "localhost");

        assertThatThrownBy(() -> discovery.fetch(sameServerOtherName)).isInstanceOf(IOException.class)
                .hasMessageContaining("calls itself " + keycloak.issuer());
    }

    @Test
    void anIssuerWithoutDocumentIsAnError() {
        assertThatThrownBy(() -> discovery.fetch(keycloak.issuer() + "/nothing")).isInstanceOf(IOException.class).hasMessageContaining("404");
    }
}
