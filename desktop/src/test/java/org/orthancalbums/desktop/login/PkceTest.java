package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.pkce.PKCE;
import com.github.scribejava.core.pkce.PKCECodeChallengeMethod;
import com.github.scribejava.core.pkce.PKCEService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PKCE we send: ScribeJava's, checked against RFC 7636 and against our own S256. */
class PkceTest {

    @Test
    void theChallengeOfRfc7636AppendixBIsReproduced() {
        byte[] octets = {116, 24, (byte) 223, (byte) 180, (byte) 151, (byte) 153, (byte) 224, 37, 79, (byte) 250, 96, 125, (byte) 216, (byte) 173,
                (byte) 187, (byte) 186, 22, (byte) 212, 37, 77, 105, (byte) 214, (byte) 191, (byte) 240, 91, 88, 5, 88, 83, (byte) 132, (byte) 141, 121};

        PKCE pkce = PKCEService.defaultInstance().generatePKCE(octets);

        assertThat(pkce.getCodeVerifier()).isEqualTo("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assertThat(pkce.getCodeChallenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(pkce.getCodeChallengeMethod()).isEqualTo(PKCECodeChallengeMethod.S256);
    }

    @Test
    void aRandomVerifierIsLongUnreservedAndItsChallengeIsItsS256() {
        PKCE pkce = PKCEService.defaultInstance().generatePKCE();

        assertThat(pkce.getCodeVerifier()).hasSizeBetween(43, 128).matches("[A-Za-z0-9\\-._~]+");
        assertThat(pkce.getCodeChallenge()).isEqualTo(FakeKeycloak.s256(pkce.getCodeVerifier()));
        assertThat(PKCEService.defaultInstance().generatePKCE().getCodeVerifier()).isNotEqualTo(pkce.getCodeVerifier());
    }

    @Test
    void theAuthorizationUrlAsksForACodeWithTheS256ChallengeStateAndScope() {
        OidcEndpoints endpoints = new OidcEndpoints("https://id.example.org/realms/a", "https://id.example.org/realms/a/auth",
                "https://id.example.org/realms/a/token", null, null, null);
        PKCE pkce = PKCEService.defaultInstance().generatePKCE();

        String url = new OidcClient(endpoints, "albums-desktop").authorizationUrl("http://127.0.0.1:4711/callback", pkce, "the-state");

        assertThat(url).startsWith("https://id.example.org/realms/a/auth?");
        Map<String, String> query = FakeKeycloak.queryOf(url);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "albums-desktop")
                .containsEntry("redirect_uri", "http://127.0.0.1:4711/callback").containsEntry("state", "the-state")
                .containsEntry("scope", "openid profile email").containsEntry("code_challenge", pkce.getCodeChallenge())
                .containsEntry("code_challenge_method", "S256").doesNotContainKey("code_verifier");
    }
}
