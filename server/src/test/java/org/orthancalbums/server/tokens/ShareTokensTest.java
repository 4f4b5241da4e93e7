package org.orthancalbums.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orthancalbums.server.tokens.ShareTokens.Resource;
import org.orthancalbums.server.tokens.ShareTokens.Share;

class ShareTokensTest {
    private static final String SECRET = "auth-service-compatibility-secret-0123456789";
    /**
     * Made by PyJWT 2.6 (Debian python3-jwt) from orthanc-auth-service's TokenCreationRequest.model_dump()
     * shape: {"id","resources":[{"dicom_uid","orthanc_id","url","level"}],"type","expiration_date","validity_duration"}.
     */
    private static final String AUTH_SERVICE_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6ImF1dGgtc2VydmljZS1zaGFyZSIsInJlc291cmNlcyI6W3siZGljb21fdWlkIjoiMS4yLjg0MC4xMTM2MTkuMi4xIiwib3J0aGFuY19pZCI6IjZlMmMwZWMyLTVkOTlkM2ZiLTBlNWMyZjRjLTNiZDFhNGY4LWI4ZDVjM2YxIiwidXJsIjpudWxsLCJsZXZlbCI6InN0dWR5In1dLCJ0eXBlIjoic3RvbmUtdmlld2VyLXB1YmxpY2F0aW9uIiwiZXhwaXJhdGlvbl9kYXRlIjoiMjA5OS0wMS0wMVQwMDowMDowMCswMDowMCIsInZhbGlkaXR5X2R1cmF0aW9uIjpudWxsfQ.q-lBRFHGbCXSTVd5-QHHgkkBKswM-RbmlhFAijkr6Ec";
    /** The same with a naive (offset-less) expiration in 2020, as Python's isoformat() writes one. */
    private static final String AUTH_SERVICE_EXPIRED = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6ImF1dGgtc2VydmljZS1zaGFyZSIsInJlc291cmNlcyI6W3siZGljb21fdWlkIjoiMS4yLjg0MC4xMTM2MTkuMi4xIiwib3J0aGFuY19pZCI6IjZlMmMwZWMyLTVkOTlkM2ZiLTBlNWMyZjRjLTNiZDFhNGY4LWI4ZDVjM2YxIiwidXJsIjpudWxsLCJsZXZlbCI6InN0dWR5In1dLCJ0eXBlIjoic3RvbmUtdmlld2VyLXB1YmxpY2F0aW9uIiwiZXhwaXJhdGlvbl9kYXRlIjoiMjAyMC0wNS0wNFQxMDoxMToxMi4xMjM0NTYiLCJ2YWxpZGl0eV9kdXJhdGlvbiI6bnVsbH0.rs0Z4pwpWD5NJwgYjst7viM8_NorQLh0YkKe8_BRQRk";

    private final ShareTokens tokens = new ShareTokens(SECRET);

    @Test
    void tokensIssuedByOrthancAuthServiceStayValid() {
        Share share = tokens.verify(AUTH_SERVICE_TOKEN).orElseThrow();
        assertThat(share.type()).isEqualTo("stone-viewer-publication");
        assertThat(share.id()).isEqualTo("auth-service-share");
        assertThat(share.resources()).containsExactly(
                new Resource("1.2.840.113619.2.1", "6e2c0ec2-5d99d3fb-0e5c2f4c-3bd1a4f8-b8d5c3f1", null, "study"));
        assertThat(share.expiration()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
        assertThat(share.expiredAt(Instant.now())).isFalse();

        Share expired = tokens.verify(AUTH_SERVICE_EXPIRED).orElseThrow();
        assertThat(expired.expiration()).isEqualTo(Instant.parse("2020-05-04T10:11:12.123456Z"));
        assertThat(expired.expiredAt(Instant.now())).isTrue();
    }

    @Test
    void ourTokensRoundTripAndNeverExpireWithoutADate() {
        Share share = new Share(null, "ohif-viewer-publication", List.of(new Resource("1.2.3", null, null, "study")), null, null, null, null);
        Share back = tokens.verify(tokens.sign(share)).orElseThrow();
        assertThat(back).isEqualTo(share);
        assertThat(back.expiredAt(Instant.parse("2999-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void anotherKeyOrATamperedTokenIsNothing() {
        assertThat(new ShareTokens("another-secret-of-at-least-32-characters").verify(AUTH_SERVICE_TOKEN)).isEmpty();
        String[] parts = AUTH_SERVICE_TOKEN.split("\\.");
        assertThat(tokens.verify(parts[0] + "." + parts[1].replace('X', 'Y') + "x." + parts[2])).isEmpty();
        assertThat(tokens.verify("not a jwt")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
    }

    @Test
    void expirationIsWrittenAsPythonWritesIt() {
        // what Python's datetime(…, tzinfo=timezone.utc).isoformat() prints for the same instants
        assertThat(ShareTokens.isoformat(Instant.parse("2026-11-28T10:00:00Z"))).isEqualTo("2026-11-28T10:00:00+00:00");
        assertThat(ShareTokens.isoformat(Instant.parse("2026-11-28T10:00:05.123Z"))).isEqualTo("2026-11-28T10:00:05.123000+00:00");
        assertThat(ShareTokens.isoformat(Instant.parse("2026-11-28T10:00:05.123456789Z"))).isEqualTo("2026-11-28T10:00:05.123456+00:00");
        assertThat(ShareTokens.parseExpiration("2026-11-28T10:00:05.123456+00:00")).isEqualTo(Instant.parse("2026-11-28T10:00:05.123456Z"));
        assertThat(ShareTokens.parseExpiration("2026-11-28T10:00+00:00")).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(ShareTokens.parseExpiration("2026-11-28 10:00:00")).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(ShareTokens.parseExpiration(null)).isNull();
    }
}
