package org.orthancalbums.server.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.TokenViews;
import org.orthancalbums.server.albums.Album;
import org.orthancalbums.server.albums.AlbumEvent;
import org.orthancalbums.server.albums.AlbumRepository;
import org.orthancalbums.server.albums.AlbumService;
import org.orthancalbums.server.albums.Member;
import org.orthancalbums.server.auth.Caller;
import org.orthancalbums.server.cache.KeptValues;
import org.orthancalbums.server.http.ApiException;
import org.orthancalbums.server.orthanc.OrthancClient;

/**
 * Album-bound tokens: upload tokens for DICOMweb tools and short view tokens for viewers such as
 * 3D Slicer. A token never grants more than its creator has: it lives only while the creator is
 * still a member allowed to create such a token, and dies with the album or when revoked.
 */
public final class AlbumTokenService {
    /** Every album token starts with this, so it is told apart from Keycloak and share tokens at once. */
    public static final String PREFIX = "oat_";
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final long RECENT_MILLIS = 1_000;
    private static final int MAX_RECENT = 10_000;

    /** A live token with its album and the member it acts for. */
    public record Resolved(AlbumToken token, Album album, Member creator) {
        /** The creator as a caller: uploads through a token are recorded under the creator's name. */
        public Caller asCaller() {
            return new Caller(creator.userId(), creator.username(), creator.name(), creator.email(), List.of());
        }
    }

    private final AlbumTokenRepository tokens;
    private final AlbumRepository albums;
    private final AlbumService albumService;
    private final OrthancClient orthanc;
    private final Clock clock;
    private final Duration maxView;
    private final Duration maxUpload;
    private final String uploadRoot;
    private final String viewRoot;
    private final TokenViews.DicomDestination dicomNode;
    private final SecureRandom random = new SecureRandom();
    /**
     * Tokens resolved a moment ago. Orthanc's plugin asks about a viewer's token on every request the viewer makes;
     * three database reads each time were most of the answer's cost. An entry is dropped as soon as a token is
     * revoked or a membership changes through this server, and lives one second at most for changes made beside it.
     */
    private final KeptValues<String, Resolved> recent = new KeptValues<>(RECENT_MILLIS, MAX_RECENT);
    private final AtomicLong revocations = new AtomicLong();

    /** {@code dicomNode}: Orthanc's DICOM host and port as scanners reach them (its AE title is filled per token). */
    public AlbumTokenService(AlbumTokenRepository tokens, AlbumRepository albums, AlbumService albumService,
                             OrthancClient orthanc, Clock clock, Duration maxView, Duration maxUpload,
                             String uploadRoot, String viewRoot, TokenViews.DicomDestination dicomNode) {
        this.tokens = tokens;
        this.albums = albums;
        this.albumService = albumService;
        this.orthanc = orthanc;
        this.clock = clock;
        this.maxView = maxView;
        this.maxUpload = maxUpload;
        this.uploadRoot = uploadRoot;
        this.viewRoot = viewRoot;
        this.dicomNode = dicomNode;
    }

    public TokenViews.Created create(Caller caller, String albumId, TokenViews.CreateToken request) {
        AlbumToken.Kind kind = AlbumToken.Kind.parse(request.kind())
                .orElseThrow(() -> ApiException.badRequest("'kind' must be \"upload\" or \"view\""));
        Album album = albumService.require(caller, albumId, kind.needs()).album();
        Duration max = kind == AlbumToken.Kind.VIEW ? maxView : maxUpload;
        long seconds = request.expiresInSeconds() == null ? max.toSeconds() : request.expiresInSeconds();
        if (seconds < 1 || seconds > max.toSeconds()) {
            throw ApiException.badRequest("'expiresInSeconds' must be between 1 and " + max.toSeconds() + " for a " + kind.apiName() + " token");
        }
        String studyUid = request.studyInstanceUid();
        String studyId = null;
        if (studyUid != null) {
            if (kind != AlbumToken.Kind.VIEW) {
                throw ApiException.badRequest("only view tokens can be limited to one study");
            }
            studyId = orthanc.findStudyId(studyUid).filter(id -> orthanc.studyLabels(id).contains(album.label()))
                    .orElseThrow(() -> ApiException.notFound("this study is not in the album"));
        }
        boolean dicom = Boolean.TRUE.equals(request.dicom());
        if (dicom && kind != AlbumToken.Kind.UPLOAD) {
            throw ApiException.badRequest("only upload tokens take DICOM (C-STORE)");
        }
        Instant now = clock.instant();
        String secret = PREFIX + randomText(32);
        AlbumToken token = new AlbumToken(randomText(12), albumId, kind, caller.userId(), caller.displayName(), studyUid,
                studyId, now, now.plusSeconds(seconds), null, null, dicom ? randomAeTitle() : null);
        albums.db().inTransaction(c -> {
            tokens.insert(token, hash(secret));
            albumService.event(albumId, caller, AlbumEvent.TOKEN_CREATED, Map.of("token", token.id(), "kind", kind.apiName(),
                    "expiresAt", token.expiresAt().toString()));
            return null;
        });
        return new TokenViews.Created(token.id(), kind.apiName(), secret, token.expiresAt(),
                kind == AlbumToken.Kind.UPLOAD ? uploadRoot : viewRoot,
                dicom ? new TokenViews.DicomDestination(dicomNode.host(), dicomNode.port(), token.aeTitle()) : null);
    }

    /** Editors and owners see every token of the album; other members their own. */
    public List<TokenViews.Listed> list(Caller caller, String albumId) {
        AlbumRole role = albumService.access(caller, albumId).role();
        return tokens.ofAlbum(albumId).stream()
                .filter(t -> AlbumAction.MANAGE_MEMBERS.allowedFor(role) || t.creatorId().equals(caller.userId()))
                .map(t -> new TokenViews.Listed(t.id(), t.kind().apiName(), t.creatorId(), t.creatorName(), t.studyInstanceUid(),
                        t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.revokedAt()))
                .toList();
    }

    public void revoke(Caller caller, String albumId, String tokenId) {
        AlbumRole role = albumService.access(caller, albumId).role();
        AlbumToken token = tokens.find(albumId, tokenId)
                .filter(t -> AlbumAction.MANAGE_MEMBERS.allowedFor(role) || t.creatorId().equals(caller.userId()))
                .orElseThrow(() -> ApiException.notFound("there is no such token in this album"));
        if (token.revokedAt() == null) {
            albums.db().inTransaction(c -> {
                tokens.revoke(tokenId, clock.instant());
                albumService.event(albumId, caller, AlbumEvent.TOKEN_REVOKED, Map.of("token", tokenId, "kind", token.kind().apiName()));
                return null;
            });
            revocations.incrementAndGet(); // after the commit: a read in between must not be remembered as current
        }
    }

    /** The live token behind a secret, if it is one of ours, of this kind, unexpired, unrevoked, with its creator still entitled. */
    public Optional<Resolved> resolve(String secret, AlbumToken.Kind kind) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(secret);
        long now = clock.millis();
        long memberships = albums.membershipVersion();
        long revoked = revocations.get();
        Resolved resolved = recent.get(hash, List.of(memberships, revoked), now,
                () -> live(tokens.findBySecretHash(hash).filter(t -> t.kind() == kind)).orElse(null));
        return Optional.ofNullable(resolved).filter(r -> r.token().kind() == kind && r.token().usableAt(clock.instant()));
    }

    /** The live upload token whose DICOM destination is this called AE title. */
    public Optional<Resolved> resolveAeTitle(String calledAeTitle) {
        if (calledAeTitle == null || calledAeTitle.isBlank() || calledAeTitle.length() > 16) {
            return Optional.empty();
        }
        return live(tokens.findByAeTitle(calledAeTitle.strip()).filter(t -> t.kind() == AlbumToken.Kind.UPLOAD));
    }

    /** Unexpired, unrevoked, its album still there and its creator still allowed to make such a token. */
    private Optional<Resolved> live(Optional<AlbumToken> found) {
        Instant now = clock.instant();
        if (found.isEmpty() || !found.get().usableAt(now)) {
            return Optional.empty();
        }
        AlbumToken token = found.get();
        AlbumToken.Kind kind = token.kind();
        Optional<Album> album = albums.find(token.albumId());
        Optional<Member> creator = albums.member(token.albumId(), token.creatorId())
                .filter(m -> kind.needs().allowedFor(m.role()));
        if (album.isEmpty() || creator.isEmpty()) {
            return Optional.empty();
        }
        if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
            tokens.markUsed(token.id(), now);
        }
        return Optional.of(new Resolved(token, album.get(), creator.get()));
    }

    /** 13 random characters after "ALB": 67 bits, in the AE title alphabet scanners accept (16 characters at most). */
    private String randomAeTitle() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder title = new StringBuilder("ALB");
        for (int i = 0; i < 13; i++) {
            title.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return title.toString();
    }

    private String randomText(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
