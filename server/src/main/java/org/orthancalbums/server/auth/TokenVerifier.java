package org.orthancalbums.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies Keycloak access tokens: RS256 only (so "none" and HS256 forgeries fail), signed by a key
 * of the realm's JWKS (cached, re-fetched when an unknown key id shows up, i.e. after rotation),
 * exact issuer, not expired, an access token ({@code typ} Bearer: ID tokens are signed alike), and meant for
 * us (audience or authorized party among the accepted ones).
 */
public final class TokenVerifier {
    /** Verified tokens kept until they expire: the plugin asks about the same few tokens thousands of times. */
    private static final int MAX_VERIFIED = 20_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<String> acceptedAudiences;
    private final Map<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

    private record Verified(Caller caller, long expiresAtMillis) {
    }

    public TokenVerifier(URI issuer, Collection<String> acceptedAudiences) {
        this.acceptedAudiences = Set.copyOf(acceptedAudiences);
        JWKSource<SecurityContext> keys;
        try {
            // an unknown key id (Keycloak rotated its keys) fetches the JWKS again, at most every 5 s
            keys = JWKSourceBuilder.create(URI.create(issuer + "/protocol/openid-connect/certs").toURL())
                    .retrying(true)
                    .rateLimited(5_000)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad issuer URL " + issuer, e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("sub", "exp", "iat"));
        // Keycloak and albums-server keep NTP time: 5 s of skew, not the library's default minute
        claims.setMaxClockSkew(5);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * The caller named by {@code token} ("Bearer " prefix allowed), or why not. A token verified once is
     * not verified again until it expires (a signature check costs far more than answering the plugin).
     */
    public Caller verify(String token) throws InvalidTokenException {
        String jwt = stripBearer(token);
        if (jwt.isEmpty()) {
            throw new InvalidTokenException("no token");
        }
        long now = System.currentTimeMillis();
        Verified known = verified.get(jwt);
        if (known != null && known.expiresAtMillis() > now) {
            return known.caller();
        }
        Caller caller = verifyNow(jwt);
        if (verified.size() >= MAX_VERIFIED) {
            verified.values().removeIf(v -> v.expiresAtMillis() <= now);
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear();
            }
        }
        verified.put(jwt, new Verified(caller, expiryOf(jwt)));
        return caller;
    }

    private static long expiryOf(String jwt) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet().getExpirationTime().getTime();
        } catch (ParseException | RuntimeException e) {
            return 0;
        }
    }

    private Caller verifyNow(String jwt) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJWTException e) {
            throw new InvalidTokenException("token rejected: " + e.getMessage());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("token is not a valid signed token of this realm");
        } catch (RuntimeException e) {
            // the key source failing in a way it does not declare (Keycloak going away mid-fetch) fails closed, and
            // only our own exception goes on: one of the key source's, thrown on to Javalin, once kept two of its
            // threads spinning in its exception mapper (KeycloakFaultsIT)
            throw new InvalidTokenException("the realm's keys cannot be checked now (" + e.getClass().getSimpleName() + ")");
        }
        // Keycloak signs ID and refresh tokens with the same keys: only an access token grants access
        if (!"Bearer".equals(claims.getClaim("typ"))) {
            throw new InvalidTokenException("this is not an access token: send the access token, not the ID token");
        }
        if (!isForUs(claims)) {
            throw new InvalidTokenException("token was issued to another application");
        }
        return caller(claims);
    }

    public static String stripBearer(String token) {
        if (token == null) {
            return "";
        }
        String trimmed = token.strip();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).strip() : trimmed;
    }

    private boolean isForUs(JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        Object azp = claims.getClaim("azp");
        return audience.stream().anyMatch(acceptedAudiences::contains) || (azp != null && acceptedAudiences.contains(azp.toString()));
    }

    private static Caller caller(JWTClaimsSet claims) {
        List<String> roles = List.of();
        Object realmAccess = claims.getClaim("realm_access");
        if (realmAccess instanceof Map<?, ?> access && access.get("roles") instanceof List<?> list) {
            roles = list.stream().map(String::valueOf).toList();
        }
        String username = string(claims, "preferred_username");
        return new Caller(claims.getSubject(), username.isEmpty() ? claims.getSubject() : username,
                string(claims, "name"), string(claims, "email"), roles);
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value == null ? "" : value.toString();
    }
}
