package org.orthancalbums.server.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Share tokens for OE2's share buttons, in orthanc-auth-service's exact format so tokens issued by
 * either service stay valid: an HS256 JWT (key = SECRET_KEY) whose claims are the creation request
 * with Python field names ({@code dicom_uid}, {@code expiration_date}, …) and no {@code exp}.
 */
public final class ShareTokens {

    /** A resource a share token grants, as the plugin describes it. */
    public record Resource(String dicomUid, String orthancId, String url, String level) {
    }

    /**
     * The decoded content of a share token. {@code expiration} is null for a token that never expires;
     * {@code creatorId} is the album member who created it (null for admins' tokens and tokens made by
     * orthanc-auth-service), whose rights the token keeps following.
     */
    public record Share(String id, String type, List<Resource> resources, Instant expiration, String expirationText,
                        Long validityDuration, String creatorId) {
        public boolean expiredAt(Instant now) {
            return expiration != null && !now.isBefore(expiration);
        }
    }

    private static final String CREATOR_CLAIM = "albums_creator";

    private static final int MAX_VERIFIED = 10_000;

    private final byte[] key;
    /**
     * Tokens whose signature was checked: a link's claims never change, and the plugin asks about the same link on
     * every request its viewer makes. Bounded; expiry is checked by the caller on every use.
     */
    private final Map<String, Share> verified = new ConcurrentHashMap<>();

    public ShareTokens(String secretKey) {
        this.key = secretKey.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(Share share) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("id", share.id());
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Resource r : share.resources()) {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("dicom_uid", r.dicomUid());
            resource.put("orthanc_id", r.orthancId());
            resource.put("url", r.url());
            resource.put("level", r.level());
            resources.add(resource);
        }
        claims.put("resources", resources);
        claims.put("type", share.type());
        claims.put("expiration_date", share.expirationText());
        claims.put("validity_duration", share.validityDuration());
        if (share.creatorId() != null) {
            // an extra claim: auth-service ignores it, albums-server re-checks the creator's album role on every use
            claims.put(CREATOR_CLAIM, share.creatorId());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                    JWTClaimsSet.parse(claims));
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot sign a share token", e);
        }
    }

    /** The share behind a token signed with our key, or empty for anything else (bad signature, not a JWT…). */
    public Optional<Share> verify(String token) {
        Share known = verified.get(token);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Share> share = check(token);
        share.ifPresent(s -> {
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear();
            }
            verified.put(token, s);
        });
        return share;
    }

    private Optional<Share> check(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            Map<String, Object> claims = jwt.getJWTClaimsSet().getClaims();
            if (!(claims.get("resources") instanceof List<?> list) || !(claims.get("type") instanceof String type)) {
                return Optional.empty();
            }
            List<Resource> resources = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> r) {
                    resources.add(new Resource(text(r.get("dicom_uid")), text(r.get("orthanc_id")), text(r.get("url")),
                            text(r.get("level"))));
                }
            }
            String expiration = text(claims.get("expiration_date"));
            Long duration = claims.get("validity_duration") instanceof Number n ? n.longValue() : null;
            return Optional.of(new Share(text(claims.get("id")), type, resources, parseExpiration(expiration), expiration, duration,
                    text(claims.get(CREATOR_CLAIM))));
        } catch (ParseException | JOSEException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Python's isoformat() with or without offset (naive times are UTC, as auth-service writes them). */
    public static Instant parseExpiration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String iso = text.strip().replace(' ', 'T');
        if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(iso).toInstant();
        }
        return java.time.LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Python-style ISO time with offset, e.g. 2026-11-28T10:00:00+00:00. */
    public static String isoformat(Instant instant) {
        // Python's isoformat always writes the seconds, and microseconds only when there are some; Java's
        // OffsetDateTime.toString drops zero seconds ("10:15Z"), which Python's fromisoformat cannot read
        OffsetDateTime time = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        return time.format(time.getNano() / 1000 == 0 ? SECONDS : MICROSECONDS);
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'+00:00'");
    private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");
}
