package org.orthancalbums.server.albums;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.albums.AlbumLabels;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.albums.MembershipRules;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.EventView;
import org.orthancalbums.core.api.InstanceFile;
import org.orthancalbums.core.api.MemberView;
import org.orthancalbums.core.api.Page;
import org.orthancalbums.core.api.SeriesSummary;
import org.orthancalbums.core.api.StudyDetails;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.core.api.UserView;
import org.orthancalbums.server.auth.Caller;
import org.orthancalbums.server.auth.UserDirectory;
import org.orthancalbums.server.http.ApiException;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.orthancalbums.server.orthanc.StudyFinder;

/**
 * The album rules, in one place: who may do what (through {@link AlbumAction}), what it changes in
 * the database and in Orthanc's labels, and what goes into the album's history. An album the
 * caller is not a member of does not exist for them (404, not 403), unless they are an admin.
 */
public final class AlbumService {
    public static final int MAX_NAME_LENGTH = 120;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final AlbumRepository albums;
    private final OrthancClient orthanc;
    private final StudyFinder studies;
    private final StudyCounts studyCounts;
    private final UserDirectory directory;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AlbumService(AlbumRepository albums, OrthancClient orthanc, StudyFinder studies, UserDirectory directory, Clock clock) {
        this.albums = albums;
        this.orthanc = orthanc;
        this.studies = studies;
        this.studyCounts = new StudyCounts(orthanc, clock);
        this.directory = directory;
        this.clock = clock;
    }

    /** An album together with the caller's effective role in it (admins act as owners). */
    public record Access(Album album, AlbumRole role) {
    }

    public Access access(Caller caller, String albumId) {
        Album album = albums.find(albumId).orElseThrow(() -> notFound(albumId));
        Optional<Member> member = albums.member(albumId, caller.userId());
        if (member.isPresent()) {
            return new Access(album, member.get().role());
        }
        if (caller.isAdmin()) {
            return new Access(album, AlbumRole.OWNER);
        }
        throw notFound(albumId);
    }

    public Access require(Caller caller, String albumId, AlbumAction action) {
        Access access = access(caller, albumId);
        if (!action.allowedFor(access.role())) {
            throw ApiException.forbidden("your role in this album (" + access.role() + ") may not " + action.description());
        }
        return access;
    }

    public List<AlbumView> list(Caller caller, boolean all) {
        if (all) {
            if (!caller.isAdmin()) {
                throw ApiException.forbidden("only administrators may list every album");
            }
            Map<String, AlbumRole> mine = new LinkedHashMap<>();
            albums.albumsOf(caller.userId()).forEach(e -> mine.put(e.getKey().id(), e.getValue()));
            List<Album> every = albums.all();
            Map<String, Long> counts = studyCounts.of(every.stream().map(Album::label).toList());
            return every.stream().map(a -> view(a, mine.getOrDefault(a.id(), AlbumRole.OWNER), counts)).toList();
        }
        List<Map.Entry<Album, AlbumRole>> mine = albums.albumsOf(caller.userId());
        Map<String, Long> counts = studyCounts.of(mine.stream().map(e -> e.getKey().label()).toList());
        return mine.stream().map(e -> view(e.getKey(), e.getValue(), counts)).toList();
    }

    public AlbumView get(Caller caller, String albumId) {
        Access access = access(caller, albumId);
        return view(access.album(), access.role(), studyCounts.of(List.of(access.album().label())));
    }

    public AlbumView create(Caller caller, String name, String description) {
        if (!caller.canCreateAlbums()) {
            throw ApiException.forbidden("your account may not create albums: ask an administrator for the album-creator role");
        }
        String cleanName = validName(name);
        String cleanDescription = validDescription(description);
        Instant now = clock.instant();
        Album album = new Album(newId(), cleanName, cleanDescription, AlbumLabels.newLabel(cleanName), now, now);
        albums.db().inTransaction(c -> {
            albums.insert(album);
            albums.putMember(new Member(album.id(), caller.userId(), caller.username(), caller.displayName(), caller.email(),
                    AlbumRole.OWNER, now));
            event(album.id(), caller, AlbumEvent.CREATED, Map.of("name", cleanName));
            return null;
        });
        // a new label: no study carries it yet
        return view(album, AlbumRole.OWNER, Map.of());
    }

    public AlbumView update(Caller caller, String albumId, String name, String description) {
        Access access = require(caller, albumId, AlbumAction.EDIT_DETAILS);
        Album old = access.album();
        String newName = name == null ? old.name() : validName(name);
        String newDescription = description == null ? old.description() : validDescription(description);
        Album updated = new Album(old.id(), newName, newDescription, old.label(), old.createdAt(), clock.instant());
        albums.db().inTransaction(c -> {
            albums.update(updated);
            if (!newName.equals(old.name())) {
                event(albumId, caller, AlbumEvent.RENAMED, Map.of("from", old.name(), "to", newName));
            }
            if (!newDescription.equals(old.description())) {
                event(albumId, caller, AlbumEvent.DESCRIBED, Map.of());
            }
            return null;
        });
        return view(updated, access.role(), studyCounts.of(List.of(updated.label())));
    }

    /**
     * Removes the album's label from every study, then the album; its events stay as an audit trail.
     * With {@code deleteUploadedStudies}, a study is deleted from Orthanc too only if it came into
     * Orthanc through an upload into this album and now carries no label at all: never a study that
     * was there before, never one that anyone (an album or IT) still labels.
     */
    public void delete(Caller caller, String albumId, boolean deleteUploadedStudies) {
        Album album = require(caller, albumId, AlbumAction.DELETE_ALBUM).album();
        int deleted = 0;
        for (String studyId : studyIdsWithLabel(album.label())) {
            orthanc.removeLabel(studyId, album.label());
            if (deleteUploadedStudies && albums.broughtIn(albumId, studyId) && orthanc.studyLabels(studyId).isEmpty()) {
                orthanc.deleteStudy(studyId);
                deleted++;
            }
        }
        int studiesDeleted = deleted;
        albums.db().inTransaction(c -> {
            event(albumId, caller, AlbumEvent.DELETED, Map.of("name", album.name(), "studiesDeleted", studiesDeleted));
            albums.delete(album, caller.userId(), clock.instant());
            return null;
        });
    }

    public List<MemberView> members(Caller caller, String albumId) {
        access(caller, albumId);
        return albums.members(albumId).stream()
                .sorted(Comparator.comparing(Member::role).reversed().thenComparing(Member::username))
                .map(m -> new MemberView(m.userId(), m.username(), m.name(), m.email(), m.role(), m.addedAt()))
                .toList();
    }

    public MemberView putMember(Caller caller, String albumId, String userId, AlbumRole role) {
        Access access = access(caller, albumId);
        Optional<Member> current = albums.member(albumId, userId);
        boolean self = userId.equals(caller.userId());
        MembershipRules.refuseRoleChange(access.role(), self, current.map(Member::role).orElse(null), role,
                (int) albums.ownerCount(albumId)).ifPresent(reason -> {
                    throw ApiException.forbidden(reason);
                });
        UserView user = current.map(m -> new UserView(m.userId(), m.username(), m.name(), m.email()))
                .or(() -> directory.find(userId))
                .orElseThrow(() -> ApiException.notFound("there is no user with id " + userId));
        Member member = new Member(albumId, userId, user.username(), user.name(), user.email(), role,
                current.map(Member::addedAt).orElse(clock.instant()));
        albums.db().inTransaction(c -> {
            albums.putMember(member);
            if (current.isEmpty()) {
                event(albumId, caller, AlbumEvent.MEMBER_ADDED, Map.of("user", user.username(), "role", role.name()));
            } else if (current.get().role() != role) {
                event(albumId, caller, AlbumEvent.MEMBER_CHANGED,
                        Map.of("user", user.username(), "from", current.get().role().name(), "to", role.name()));
            }
            return null;
        });
        return new MemberView(userId, user.username(), user.name(), user.email(), role, member.addedAt());
    }

    public void removeMember(Caller caller, String albumId, String userId) {
        Access access = access(caller, albumId);
        Member target = albums.member(albumId, userId)
                .orElseThrow(() -> ApiException.notFound("this user is not a member of the album"));
        boolean self = userId.equals(caller.userId());
        MembershipRules.refuseRemoval(access.role(), self, target.role(), (int) albums.ownerCount(albumId))
                .ifPresent(reason -> {
                    throw ApiException.forbidden(reason);
                });
        albums.db().inTransaction(c -> {
            albums.removeMember(albumId, userId);
            event(albumId, caller, AlbumEvent.MEMBER_REMOVED, Map.of("user", target.username(), "left", self));
            return null;
        });
    }

    public Page<StudySummary> studies(Caller caller, String albumId, String search, StudyFinder.Order order, int offset, int limit) {
        Album album = require(caller, albumId, AlbumAction.VIEW_STUDIES).album();
        return studies.list(album.label(), search, order, offset, limit);
    }

    public List<SeriesSummary> series(Caller caller, String albumId, String studyInstanceUid) {
        return sortedSeries(studyInAlbum(caller, albumId, studyInstanceUid)).stream().map(AlbumService::seriesSummary).toList();
    }

    /** The study's identifying facts as Orthanc indexed them, and its series in order. */
    public StudyDetails details(Caller caller, String albumId, String studyInstanceUid) {
        String studyId = studyInAlbum(caller, albumId, studyInstanceUid);
        JsonNode study = orthanc.study(studyId);
        JsonNode tags = study.path("MainDicomTags");
        JsonNode patient = study.path("PatientMainDicomTags");
        List<SeriesSummary> series = sortedSeries(studyId).stream().map(AlbumService::seriesSummary).toList();
        List<String> modalities = series.stream().map(SeriesSummary::modality).filter(m -> !m.isBlank()).distinct().toList();
        return new StudyDetails(studyInstanceUid, patient.path("PatientName").asText(""), patient.path("PatientID").asText(""),
                patient.path("PatientBirthDate").asText(""), patient.path("PatientSex").asText(""),
                tags.path("StudyDate").asText(""), tags.path("StudyTime").asText(""), tags.path("AccessionNumber").asText(""),
                tags.path("StudyDescription").asText(""), tags.path("ReferringPhysicianName").asText(""),
                tags.path("InstitutionName").asText(""), modalities, series);
    }

    private static SeriesSummary seriesSummary(JsonNode series) {
        JsonNode tags = series.path("MainDicomTags");
        return new SeriesSummary(tags.path("SeriesInstanceUID").asText(), series.path("ID").asText(), seriesNumber(series),
                tags.path("Modality").asText(""), tags.path("SeriesDescription").asText(""), series.path("Instances").size());
    }

    /**
     * The SOP Instance UIDs the album already holds in this study: an interrupted upload asks before
     * sending again. A study that is not (yet) in the album holds none.
     */
    public Set<String> instancesInAlbum(Caller caller, String albumId, String studyInstanceUid) {
        Album album = require(caller, albumId, AlbumAction.VIEW_STUDIES).album();
        return orthanc.findStudyId(studyInstanceUid)
                .filter(id -> orthanc.studyLabels(id).contains(album.label()))
                .map(orthanc::sopInstanceUids)
                .orElse(Set.of());
    }

    /** The study's DICOM files, by series and number, for a download (nothing when the study is not in the album). */
    public List<InstanceFile> files(Caller caller, String albumId, String studyInstanceUid) {
        String studyId = studyInAlbum(caller, albumId, studyInstanceUid);
        Map<String, String> seriesUids = new HashMap<>();
        orthanc.studySeries(studyId).forEach(s -> seriesUids.put(s.path("ID").asText(), s.path("MainDicomTags").path("SeriesInstanceUID").asText()));
        List<InstanceFile> files = new ArrayList<>();
        for (JsonNode instance : orthanc.studyInstances(studyId)) {
            JsonNode tags = instance.path("MainDicomTags");
            files.add(new InstanceFile(seriesUids.getOrDefault(instance.path("ParentSeries").asText(), ""), tags.path("SOPInstanceUID").asText(),
                    integer(tags, "InstanceNumber"), instance.path("FileSize").asLong()));
        }
        files.sort(Comparator.comparing(InstanceFile::seriesInstanceUid)
                .thenComparing(InstanceFile::instanceNumber, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(InstanceFile::sopInstanceUid));
        return files;
    }

    /**
     * One DICOM file of a study in the album, streamed from Orthanc. The SOP Instance UID must name an
     * instance of that very study: one of any other study is "not found", as is a study outside the album.
     */
    public OrthancClient.DicomFile file(Caller caller, String albumId, String studyInstanceUid, String sopInstanceUid) {
        String studyId = studyInAlbum(caller, albumId, studyInstanceUid);
        String instanceId = orthanc.findInstanceIds(sopInstanceUid).stream()
                .filter(id -> studyId.equals(orthanc.instanceStudyId(id)))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("this image is not in the study"));
        return orthanc.instanceFile(instanceId);
    }

    /**
     * A PNG of the series' middle image: what a person recognises a series by. Only a series of this very study, so
     * a member cannot reach another study's images through a study of theirs.
     */
    public byte[] seriesPreview(Caller caller, String albumId, String studyInstanceUid, String seriesInstanceUid) {
        for (JsonNode series : orthanc.studySeries(studyInAlbum(caller, albumId, studyInstanceUid))) {
            if (seriesInstanceUid.equals(series.path("MainDicomTags").path("SeriesInstanceUID").asText())) {
                JsonNode instances = series.path("Instances");
                if (instances.isEmpty()) {
                    throw ApiException.notFound("this series has no image to show");
                }
                return orthanc.instancePreview(instances.get(instances.size() / 2).asText());
            }
        }
        throw ApiException.notFound("this series is not in the study");
    }

    private List<JsonNode> sortedSeries(String studyId) {
        List<JsonNode> series = new ArrayList<>();
        orthanc.studySeries(studyId).forEach(series::add);
        series.sort(Comparator.comparing(AlbumService::seriesNumber, Comparator.nullsLast(Comparator.naturalOrder())));
        return series;
    }

    private static Integer seriesNumber(JsonNode series) {
        return integer(series.path("MainDicomTags"), "SeriesNumber");
    }

    /** A DICOM IS tag as a number; null when absent or not a plain integer. */
    private static Integer integer(JsonNode tags, String name) {
        String number = tags.path(name).asText("").strip();
        return number.matches("-?\\d{1,9}") ? Integer.valueOf(number) : null;
    }

    private String studyInAlbum(Caller caller, String albumId, String studyInstanceUid) {
        Album album = require(caller, albumId, AlbumAction.VIEW_STUDIES).album();
        return orthanc.findStudyId(studyInstanceUid)
                .filter(id -> orthanc.studyLabels(id).contains(album.label()))
                .orElseThrow(() -> ApiException.notFound("this study is not in the album"));
    }

    /** Adds a study the caller can already see: through one of their albums, or as an admin. */
    public void addStudy(Caller caller, String albumId, String studyInstanceUid) {
        Album album = require(caller, albumId, AlbumAction.ADD_STUDY).album();
        String studyId = orthanc.findStudyId(studyInstanceUid).orElseThrow(() -> studyNotFound(studyInstanceUid));
        Set<String> labels = orthanc.studyLabels(studyId);
        if (labels.contains(album.label())) {
            return;
        }
        if (!caller.isAdmin() && !allowsAny(caller.userId(), AlbumAction.VIEW_STUDIES, labels)) {
            // same answer as for a study that does not exist: no probing of other people's studies
            throw studyNotFound(studyInstanceUid);
        }
        orthanc.addLabel(studyId, album.label());
        studiesChanged(album);
        event(albumId, caller, AlbumEvent.STUDY_ADDED, Map.of("studyInstanceUid", studyInstanceUid));
    }

    public void removeStudy(Caller caller, String albumId, String studyInstanceUid) {
        Album album = require(caller, albumId, AlbumAction.REMOVE_STUDY).album();
        String studyId = orthanc.findStudyId(studyInstanceUid)
                .filter(id -> orthanc.studyLabels(id).contains(album.label()))
                .orElseThrow(() -> ApiException.notFound("this study is not in the album"));
        orthanc.removeLabel(studyId, album.label());
        studiesChanged(album);
        event(albumId, caller, AlbumEvent.STUDY_REMOVED, Map.of("studyInstanceUid", studyInstanceUid));
    }

    /** The album's history; a deleted album's history stays readable by administrators. */
    public Page<EventView> events(Caller caller, String albumId, int offset, int limit) {
        if (!(caller.isAdmin() && albums.findDeleted(albumId).isPresent())) {
            access(caller, albumId);
        }
        List<EventView> items = new ArrayList<>();
        for (AlbumEvent e : albums.events(albumId, offset, limit)) {
            items.add(new EventView(e.id(), e.at(), e.actorId(), e.actorName(), e.kind(), e.detail()));
        }
        return new Page<>(albums.eventCount(albumId), items);
    }

    /** The labels of the albums where this user's role allows the action. */
    public Set<String> labelsAllowing(String userId, AlbumAction action) {
        return Set.copyOf(albums.labelsOf(userId, action.minimumRole()));
    }

    /**
     * Whether the user's role in an album carrying one of these labels allows the action. A study has a few labels;
     * looking each up in the user's memberships costs a few map reads, where building the set of a member of 500
     * albums on every plugin call was most of a share link's validation.
     */
    public boolean allowsAny(String userId, AlbumAction action, Collection<String> labels) {
        Map<String, AlbumRole> roles = albums.labelRoles(userId);
        return labels.stream().map(roles::get).anyMatch(role -> role != null && action.allowedFor(role));
    }

    /** Admins, and members whose role lets them add people to at least one album (the share dialog's search). */
    public boolean mayShareSomewhere(Caller caller) {
        return caller.isAdmin() || albums.albumsOf(caller.userId()).stream()
                .anyMatch(e -> AlbumAction.MANAGE_MEMBERS.allowedFor(e.getValue()));
    }

    /** The labels of the albums where the caller may add instances to studies (upload): seeing is not writing. */
    public Set<String> labelsWritableBy(Caller caller) {
        return labelsAllowing(caller.userId(), AlbumAction.UPLOAD);
    }

    /** Records an event on behalf of another part of the server (uploads, tokens). */
    public void event(String albumId, Caller caller, String kind, Map<String, Object> detail) {
        albums.addEvent(albumId, clock.instant(), caller.userId(), caller.displayName(), kind, detail);
    }

    private List<String> studyIdsWithLabel(String label) {
        List<String> ids = new ArrayList<>();
        int pageSize = 1000;
        for (int offset = 0; ; offset += pageSize) {
            List<StudySummary> page = studies.list(label, null, offset, pageSize).items();
            page.forEach(s -> ids.add(s.orthancId()));
            if (page.size() < pageSize) {
                return ids;
            }
        }
    }

    /** Uploads and additions through other parts of the server: the album's study count is asked again. */
    public void studiesChanged(Album album) {
        studyCounts.changed(album.label());
    }

    private AlbumView view(Album album, AlbumRole role, Map<String, Long> counts) {
        return new AlbumView(album.id(), album.name(), album.description(), album.label(), role,
                counts.getOrDefault(album.label(), 0L), albums.memberCount(album.id()), album.createdAt(), album.updatedAt());
    }

    private String newId() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    static String validName(String name) {
        if (name == null || name.strip().isEmpty()) {
            throw ApiException.badRequest("an album needs a name");
        }
        String clean = name.strip();
        if (clean.codePointCount(0, clean.length()) > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("an album name has at most " + MAX_NAME_LENGTH + " characters");
        }
        if (clean.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("an album name cannot contain control characters such as line breaks");
        }
        return clean;
    }

    static String validDescription(String description) {
        String clean = description == null ? "" : description.strip();
        if (clean.codePointCount(0, clean.length()) > MAX_DESCRIPTION_LENGTH) {
            throw ApiException.badRequest("a description has at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return clean;
    }

    private static ApiException notFound(String albumId) {
        return ApiException.notFound("there is no album " + albumId + " that you can see");
    }

    private static ApiException studyNotFound(String uid) {
        return ApiException.notFound("there is no study " + uid + " that you can see");
    }
}
