package org.orthancalbums.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.server.RecentKeys;
import org.orthancalbums.server.albums.AlbumEvent;
import org.orthancalbums.server.albums.AlbumService;
import org.orthancalbums.server.db.Database;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.orthancalbums.server.orthanc.OrthancException;
import org.orthancalbums.server.tokens.AlbumTokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DICOM C-STORE into an album, through Orthanc's own DICOM port: the called AE title of an upload
 * token names the album. Orthanc's Lua filter ({@code deploy/albums-filter.lua}) asks {@link #admit}
 * before storing each instance, on the tags Orthanc's parser (DCMTK) read, and the answer is the DIMSE
 * status the sender gets; after storing, {@link #stored} checks the study Orthanc filed the instance into
 * and labels it, or deletes the instance. The admission rule is the one of STOW-RS ({@link Admission}).
 * Called AE titles in {@code trustedAeTitles} (Orthanc's own) store as Orthanc always did, into no album.
 *
 * <p>Orthanc waits for these answers while it holds its Lua lock, and a label written through its REST
 * API waits for that lock too: every write to Orthanc happens on {@link #filing} after the answer.
 */
public final class DicomIngestService {
    private static final Logger LOG = LoggerFactory.getLogger(DicomIngestService.class);
    public static final int SUCCESS = 0x0000;
    /** PS3.7 "Refused: Not Authorized". */
    public static final int NOT_AUTHORIZED = 0x0124;
    /** PS3.4 C-STORE "Error: Cannot understand". */
    public static final int CANNOT_UNDERSTAND = 0xC000;
    /** PS3.4 C-STORE "Refused: Out of Resources": try again later. */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** One album event per token for a burst of instances, written once the burst has been quiet this long. */
    private static final long QUIET_MILLIS = 3_000;

    private final OrthancClient orthanc;
    private final AlbumService albums;
    private final AlbumTokenService tokens;
    private final StudyClaims claims;
    private final Admission admission;
    private final Set<String> trustedAeTitles;
    private final Clock clock;
    private final Map<String, Burst> bursts = new HashMap<>();
    /**
     * Decisions already made for a token and a study, reused for a few seconds: a scanner sends hundreds
     * of instances of one study in a row, and each decision costs several questions to Orthanc.
     */
    private final RecentKeys recent;
    /** Files stored instances into albums in the background (see the class comment). */
    private final ExecutorService filing = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dicom-filing");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dicom-upload-events");
        thread.setDaemon(true);
        return thread;
    });

    /** Instances stored through one token since its last event. */
    private static final class Burst {
        final UploadTarget target;
        final Set<String> studies = new HashSet<>();
        int instances;
        long lastAt;

        Burst(UploadTarget target) {
            this.target = target;
        }
    }

    public DicomIngestService(OrthancClient orthanc, AlbumService albums, AlbumTokenService tokens, Database db, Clock clock,
                              List<String> trustedAeTitles) {
        this.orthanc = orthanc;
        this.albums = albums;
        this.tokens = tokens;
        this.claims = new StudyClaims(db, clock);
        this.admission = new Admission(orthanc, claims);
        this.trustedAeTitles = Set.copyOf(trustedAeTitles);
        this.clock = clock;
        this.recent = new RecentKeys(clock, java.time.Duration.ofSeconds(5));
        flusher.scheduleWithFixedDelay(this::flushQuietBursts, 1, 1, TimeUnit.SECONDS);
    }

    /** Before Orthanc stores an instance received over DICOM: the DIMSE status for the sender. */
    public int admit(String calledAeTitle, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        if (trusted(calledAeTitle)) {
            return SUCCESS;
        }
        Optional<UploadTarget> target = target(calledAeTitle);
        if (target.isEmpty()) {
            // the AE title is a token's credential: not even part of it goes to the log
            LOG.info("refused a DICOM instance sent to an unknown, expired or revoked AE title");
            return NOT_AUTHORIZED;
        }
        if (!Uids.isValid(studyInstanceUid) || !Uids.isValid(seriesInstanceUid) || !Uids.isValid(sopInstanceUid)) {
            return CANNOT_UNDERSTAND;
        }
        String admitted = target.get().via() + '|' + studyInstanceUid;
        if (recent.holds(admitted)) {
            return SUCCESS;
        }
        try {
            Admission.Decision decision = admission.beforeStore(target.get(), studyInstanceUid);
            if (!decision.allowed()) {
                LOG.warn("refused a DICOM instance for album {}: its study exists in albums the sender may not add to",
                        target.get().album().id());
                return NOT_AUTHORIZED;
            }
            // a study stored before whose labelling was lost (albums-server away): sending again repairs it,
            // since Orthanc tells nothing more about instances it has already
            for (String studyId : decision.unlabelledStudies()) {
                filing.execute(() -> putIntoAlbum(target.get(), studyId, studyInstanceUid));
            }
            recent.remember(admitted);
            return SUCCESS;
        } catch (OrthancException e) {
            LOG.warn("refused a DICOM instance for now: Orthanc did not answer albums-server ({})", e.getMessage());
            return OUT_OF_RESOURCES;
        }
    }

    /** After Orthanc stored an instance received over DICOM: into the album, or out of Orthanc again (soon after). */
    public void stored(String calledAeTitle, String instanceId) {
        if (trusted(calledAeTitle) || instanceId == null || !instanceId.matches("[0-9a-f-]{44}")) {
            return;
        }
        filing.execute(() -> {
            try {
                file(calledAeTitle, instanceId);
            } catch (OrthancException e) {
                // the instance stays unlabelled (admins only); sending it again files it (see admit)
                LOG.warn("could not file a DICOM instance into its album: {}", e.getMessage());
            }
        });
    }

    private void file(String calledAeTitle, String instanceId) {
        Optional<UploadTarget> target = target(calledAeTitle);
        JsonNode study = orthanc.instanceStudy(instanceId);
        String studyId = study.path("ID").asText();
        String studyUid = study.path("MainDicomTags").path("StudyInstanceUID").asText();
        String filed = target.map(UploadTarget::via).orElse("") + '|' + studyId;
        if (target.isEmpty() || !recent.holds(filed) && !admission.afterStore(target.get(), studyId, studyUid)) {
            LOG.warn("deleted an instance stored over DICOM that its study does not admit (token gone, or a race with another album)");
            orthanc.deleteInstance(instanceId);
            return;
        }
        if (!recent.holds(filed)) {
            putIntoAlbum(target.get(), studyId, studyUid);
            recent.remember(filed);
        }
        synchronized (bursts) {
            Burst burst = bursts.computeIfAbsent(target.get().via(), via -> new Burst(target.get()));
            burst.instances++;
            burst.studies.add(studyUid);
            burst.lastAt = clock.millis();
        }
    }

    private void putIntoAlbum(UploadTarget target, String studyId, String studyUid) {
        orthanc.addLabel(studyId, target.album().label());
        albums.studiesChanged(target.album());
        claims.fulfil(Map.of(studyUid, studyId), target.album().id());
    }

    private Optional<UploadTarget> target(String calledAeTitle) {
        return tokens.resolveAeTitle(calledAeTitle).map(t -> new UploadTarget(t.album(), t.asCaller(), Set.of(t.album().label()),
                false, "dicom token " + t.token().id()));
    }

    private boolean trusted(String calledAeTitle) {
        return calledAeTitle != null && trustedAeTitles.contains(calledAeTitle.strip());
    }


    private void flushQuietBursts() {
        long now = clock.millis();
        Map<String, Burst> quiet = new HashMap<>();
        synchronized (bursts) {
            bursts.entrySet().removeIf(e -> {
                if (now - e.getValue().lastAt >= QUIET_MILLIS) {
                    quiet.put(e.getKey(), e.getValue());
                    return true;
                }
                return false;
            });
        }
        quiet.values().forEach(this::record);
    }

    private void record(Burst burst) {
        try {
            albums.event(burst.target.album().id(), burst.target.uploader(), AlbumEvent.UPLOAD, Map.of("instances", burst.instances,
                    "studies", burst.studies.size(), "failed", 0, "via", burst.target.via()));
        } catch (RuntimeException e) {
            LOG.warn("could not record a DICOM upload in album {}: {}", burst.target.album().id(), e.getMessage());
        }
    }

    public void close() {
        filing.shutdown();
        try {
            filing.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flusher.shutdown();
        synchronized (bursts) {
            bursts.values().forEach(this::record);
            bursts.clear();
        }
    }
}
