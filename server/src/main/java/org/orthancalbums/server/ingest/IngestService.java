package org.orthancalbums.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.orthancalbums.core.dicom.DicomFormatException;
import org.orthancalbums.core.dicom.DicomHeader;
import org.orthancalbums.core.dicom.DicomHeaderReader;
import org.orthancalbums.core.stow.ContentType;
import org.orthancalbums.core.stow.MultipartException;
import org.orthancalbums.core.stow.MultipartRelatedReader;
import org.orthancalbums.core.stow.StowResponse;
import org.orthancalbums.core.stow.StowResponse.Failed;
import org.orthancalbums.core.stow.StowResponse.FailureReason;
import org.orthancalbums.core.stow.StowResponse.Stored;
import org.orthancalbums.server.albums.AlbumEvent;
import org.orthancalbums.server.albums.AlbumService;
import org.orthancalbums.server.db.Database;
import org.orthancalbums.server.http.ApiException;
import org.orthancalbums.server.orthanc.OrthancClient;
import org.orthancalbums.server.orthanc.OrthancException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STOW-RS into an album. Parts are read one by one from the request (never the whole request in
 * memory), checked (DICOM Part-10, and the collision rule: a study that exists already must be
 * visible to the uploader), forwarded to Orthanc a few at a time, and every study that received an
 * instance gets the album's label. An instance is reported stored only when Orthanc stored it and its
 * study carries the label.
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    /** PS3.7 status "Refused: Not Authorized": the study exists and belongs to other people. */
    public static final int NOT_AUTHORIZED = 0x0124;
    /** Parts up to this size stay in memory; bigger ones go to a temporary file. */
    private static final int MEMORY_THRESHOLD = 1024 * 1024;
    /** Memory buffers kept for reuse across requests: 24 MiB at most stays allocated. */
    private final java.util.concurrent.BlockingQueue<byte[]> buffers = new java.util.concurrent.ArrayBlockingQueue<>(24);
    /** Parts in flight to Orthanc per request: bounds memory, and keeps Orthanc's cores busy. */
    private static final int IN_FLIGHT = 4;

    /** A finished upload: the DICOM JSON answer and its HTTP status. */
    public record Result(int status, StowResponse response) {
    }

    /**
     * One part after Orthanc answered. {@code archiveDown}: Orthanc could not be reached at all, so the
     * whole request is worth sending again; {@code instanceId}, {@code newInstance}: what Orthanc stored.
     */
    private record Forwarded(DicomHeader header, String studyOrthancId, Failed failure, boolean archiveDown,
                             String instanceId, boolean newInstance) {
        static Forwarded failed(DicomHeader header, Failed failure, boolean archiveDown) {
            return new Forwarded(header, null, failure, archiveDown, null, false);
        }
    }

    private final OrthancClient orthanc;
    private final AlbumService albums;
    private final long maxBytes;
    private final String dicomWebRoot;
    private final Path tempDir;
    /** New studies being created by uploads, by album: parallel batches, or a batch sent again after a crash. */
    private final StudyClaims claims;
    private final Admission admission;
    private final ExecutorService forwarders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stow-forward");
        thread.setDaemon(true);
        return thread;
    });

    public IngestService(OrthancClient orthanc, AlbumService albums, Database db, Clock clock, long maxBytes, String dicomWebRoot,
                         Path tempDir) {
        this.orthanc = orthanc;
        this.claims = new StudyClaims(db, clock);
        this.admission = new Admission(orthanc, claims);
        this.albums = albums;
        this.maxBytes = maxBytes;
        this.dicomWebRoot = dicomWebRoot.replaceAll("/+$", "");
        this.tempDir = tempDir;
    }

    public Result ingest(UploadTarget target, String contentTypeHeader, long declaredLength, InputStream body) throws IOException {
        ContentType type = parseContentType(contentTypeHeader);
        if (declaredLength > maxBytes) {
            throw tooLarge(0);
        }
        if (declaredLength == 0) {
            throw ApiException.badRequest("the upload is empty: send DICOM files as multipart/related; type=\"application/dicom\"");
        }
        LimitedInputStream limited = new LimitedInputStream(body, maxBytes);
        Upload upload = new Upload(target);
        boolean overLimit = false;
        StowResponse response;
        try {
            if (type.is(ContentType.APPLICATION_DICOM)) {
                upload.accept(limited);
            } else {
                readParts(new MultipartRelatedReader(limited, type.boundary()), upload);
            }
        } catch (LimitedInputStream.TooLargeException e) {
            overLimit = true;
        } finally {
            // whatever stopped the request, the parts already sent complete and their studies get the label
            response = upload.finish();
            recordEvent(target, response, limited.count());
        }
        if (overLimit) {
            throw tooLarge(response.referenced().size());
        }
        if (upload.archiveDown) {
            throw new ApiException(503, "archive_unavailable", "the image archive (Orthanc) is not answering; "
                    + response.referenced().size() + " instances were stored. Send the same files again in a moment: nothing is stored twice.");
        }
        if (response.referenced().isEmpty() && response.failed().isEmpty()) {
            throw ApiException.badRequest("the upload holds no DICOM part");
        }
        return new Result(response.httpStatus(), response);
    }

    private void readParts(MultipartRelatedReader reader, Upload upload) throws IOException {
        while (true) {
            Optional<MultipartRelatedReader.Part> part;
            try {
                part = reader.next();
            } catch (MultipartException e) {
                if (upload.partsSeen == 0) {
                    throw ApiException.badRequest("the body is not valid multipart/related: " + e.getMessage());
                }
                // the parts before the damage are kept; the damaged one is reported
                upload.fail(new Failed(null, null, FailureReason.CANNOT_UNDERSTAND.code(), "the request ended inside a part: " + e.getMessage()));
                return;
            }
            if (part.isEmpty()) {
                return;
            }
            Optional<ContentType> partType = part.get().contentType();
            if (partType.isPresent() && !partType.get().is(ContentType.APPLICATION_DICOM)) {
                part.get().body().transferTo(OutputStream.nullOutputStream());
                upload.fail(new Failed(null, null, FailureReason.CANNOT_UNDERSTAND.code(),
                        "part " + (upload.partsSeen + 1) + " is " + partType.get().mediaType() + ", not application/dicom"));
                upload.partsSeen++;
                continue;
            }
            try {
                upload.accept(part.get().body());
            } catch (MultipartException e) {
                upload.fail(new Failed(null, null, FailureReason.CANNOT_UNDERSTAND.code(), "the request ended inside a part: " + e.getMessage()));
                return;
            }
        }
    }

    /** The state of one upload: decisions per study, parts in flight, results in request order. */
    private final class Upload {
        private final UploadTarget target;
        private final Map<String, Boolean> studyAllowed = new HashMap<>();
        /** New studies this upload claimed. */
        private final Set<String> claimedHere = new HashSet<>();
        /** Per Orthanc study that received an instance: whether the admission rule holds for it as Orthanc filed it. */
        private final Map<String, Boolean> storedStudyAdmitted = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<Object> results = new ArrayList<>();
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        private StowResponse finished;
        int partsSeen;
        boolean archiveDown;

        Upload(UploadTarget target) {
            this.target = target;
        }

        void fail(Failed failed) {
            results.add(failed);
        }

        void accept(InputStream partBody) throws IOException {
            partsSeen++;
            SpooledPart part = SpooledPart.read(partBody, buffers, MEMORY_THRESHOLD, tempDir);
            DicomHeader header;
            try (InputStream in = part.open()) {
                header = DicomHeaderReader.readWholeFile(in);
            } catch (DicomFormatException e) {
                part.close();
                fail(new Failed(null, null, FailureReason.CANNOT_UNDERSTAND.code(), "part " + partsSeen + ": " + e.getMessage()));
                return;
            }
            if (header.studyInstanceUid() == null || header.sopInstanceUid() == null || header.seriesInstanceUid() == null) {
                part.close();
                fail(new Failed(header.sopClassUid(), header.sopInstanceUid(), FailureReason.CANNOT_UNDERSTAND.code(),
                        "part " + partsSeen + " lacks a Study, Series or SOP Instance UID"));
                return;
            }
            if (!studyAllowed.computeIfAbsent(header.studyInstanceUid(), this::mayAddTo)) {
                part.close();
                fail(new Failed(header.sopClassUid(), header.sopInstanceUid(), NOT_AUTHORIZED,
                        "study " + header.studyInstanceUid() + " already exists in albums you are not in"));
                return;
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                part.close();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            results.add(forwarders.submit(() -> {
                try (part) {
                    return checkStored(forward(part, header));
                } finally {
                    inFlight.release();
                }
            }));
        }

        /** The admission rule on what our reader parsed (see {@link Admission#beforeStore}). */
        private boolean mayAddTo(String studyInstanceUid) {
            Admission.Decision decision = admission.beforeStore(target, studyInstanceUid);
            if (decision.claimedNow()) {
                claimedHere.add(studyInstanceUid);
            }
            return decision.allowed();
        }

        /**
         * The admission rule again, on what Orthanc stored: the study Orthanc filed the instance into
         * must be the one our reader saw (its StudyInstanceUID as Orthanc indexed it) and admit the
         * uploader. A crafted file that DCMTK reads otherwise than we do lands elsewhere: the instance
         * is deleted again (unless Orthanc had it already, then nothing changed) and refused.
         */
        private Forwarded checkStored(Forwarded forwarded) {
            if (forwarded.failure() != null) {
                return forwarded;
            }
            boolean admitted;
            try {
                admitted = storedStudyAdmitted.computeIfAbsent(forwarded.studyOrthancId(),
                        id -> admission.afterStore(target, id, forwarded.header().studyInstanceUid()));
            } catch (OrthancException e) {
                // not labelled, so visible to nobody but admins; the claim stays for sending it again
                return Forwarded.failed(forwarded.header(), new Failed(forwarded.header().sopClassUid(), forwarded.header().sopInstanceUid(),
                        FailureReason.PROCESSING_FAILURE.code(), "the archive stored it but could not be asked where; send it again"),
                        e.status() == 0 || e.status() >= 500);
            }
            if (admitted) {
                return forwarded;
            }
            DicomHeader h = forwarded.header();
            LOG.warn("refused an instance for album {}: Orthanc filed it into a study the uploader may not add to (new instance: {})",
                    target.album().id(), forwarded.newInstance());
            if (forwarded.newInstance()) {
                try {
                    orthanc.deleteInstance(forwarded.instanceId());
                } catch (OrthancException e) {
                    LOG.error("could not delete refused instance {} from Orthanc ({}): delete it by hand", forwarded.instanceId(), e.getMessage());
                }
            }
            return Forwarded.failed(h, new Failed(h.sopClassUid(), h.sopInstanceUid(), NOT_AUTHORIZED,
                    "the archive reads this file as part of another study than the one it declares; refused and not kept"), false);
        }

        /**
         * Claims end once their study carries the label, or when Orthanc still does not have it (every
         * part failed): only a crash between the two leaves a claim behind, for the retry.
         */
        private void releaseClaims(Map<String, String> labelledStudies) {
            Set<String> neverStored = new HashSet<>();
            for (String uid : claimedHere) {
                try {
                    if (!labelledStudies.containsKey(uid) && orthanc.findStudyId(uid).isEmpty()) {
                        neverStored.add(uid);
                    }
                } catch (OrthancException e) {
                    LOG.debug("kept the claim on a study: Orthanc did not answer ({})", e.getMessage());
                }
            }
            claims.fulfil(labelledStudies, target.album().id());
            claims.abandon(neverStored, target.album().id());
        }

        /** Waits for the parts in flight, labels their studies and builds the answer (once). */
        StowResponse finish() {
            if (finished != null) {
                return finished;
            }
            List<Forwarded> forwarded = new ArrayList<>();
            List<Object> ordered = new ArrayList<>();
            for (Object result : results) {
                if (result instanceof Future<?> future) {
                    Forwarded outcome = await(future);
                    archiveDown |= outcome.archiveDown();
                    forwarded.add(outcome);
                    ordered.add(outcome);
                } else {
                    ordered.add(result);
                }
            }
            Map<String, Boolean> labelled = labelStudies(forwarded);
            Map<String, String> labelledStudies = new HashMap<>();
            forwarded.stream().filter(f -> labelled.getOrDefault(f.studyOrthancId(), false))
                    .forEach(f -> labelledStudies.put(f.header().studyInstanceUid(), f.studyOrthancId()));
            releaseClaims(labelledStudies);
            List<Stored> stored = new ArrayList<>();
            List<Failed> failed = new ArrayList<>();
            Map<String, Boolean> studies = new LinkedHashMap<>();
            for (Object result : ordered) {
                if (result instanceof Failed f) {
                    failed.add(f);
                } else if (result instanceof Forwarded f && f.failure() != null) {
                    failed.add(f.failure());
                } else if (result instanceof Forwarded f && !labelled.getOrDefault(f.studyOrthancId(), false)) {
                    failed.add(new Failed(f.header().sopClassUid(), f.header().sopInstanceUid(), FailureReason.PROCESSING_FAILURE.code(),
                            "stored in the archive but not put into the album; send it again"));
                } else if (result instanceof Forwarded f) {
                    DicomHeader h = f.header();
                    studies.put(h.studyInstanceUid(), true);
                    stored.add(new Stored(h.sopClassUid(), h.sopInstanceUid(), dicomWebRoot + "/studies/" + h.studyInstanceUid()
                            + "/series/" + h.seriesInstanceUid() + "/instances/" + h.sopInstanceUid()));
                }
            }
            String studyUrl = studies.size() == 1 ? dicomWebRoot + "/studies/" + studies.keySet().iterator().next() : null;
            finished = new StowResponse(studyUrl, stored, failed);
            return finished;
        }

        private Map<String, Boolean> labelStudies(List<Forwarded> forwarded) {
            Map<String, Boolean> labelled = new HashMap<>();
            for (Forwarded f : forwarded) {
                if (f.failure() == null && !labelled.containsKey(f.studyOrthancId())) {
                    try {
                        orthanc.addLabel(f.studyOrthancId(), target.album().label());
                        albums.studiesChanged(target.album());
                        labelled.put(f.studyOrthancId(), true);
                    } catch (OrthancException e) {
                        LOG.warn("could not label study {} for album {}: {}", f.studyOrthancId(), target.album().id(), e.getMessage());
                        labelled.put(f.studyOrthancId(), false);
                        archiveDown |= e.status() == 0 || e.status() >= 500;
                    }
                }
            }
            return labelled;
        }

    }

    private Forwarded forward(SpooledPart part, DicomHeader header) {
        try {
            JsonNode answer = orthanc.storeInstance(part.length(), part::writeTo);
            String status = answer.path("Status").asText();
            if (!status.equals("Success") && !status.equals("AlreadyStored")) {
                return Forwarded.failed(header, new Failed(header.sopClassUid(), header.sopInstanceUid(),
                        FailureReason.PROCESSING_FAILURE.code(), "the archive did not store it (" + status + ")"), false);
            }
            return new Forwarded(header, answer.path("ParentStudy").asText(), null, false, answer.path("ID").asText(),
                    status.equals("Success"));
        } catch (OrthancException e) {
            int reason = e.status() == 400 ? FailureReason.CANNOT_UNDERSTAND.code() : FailureReason.PROCESSING_FAILURE.code();
            return Forwarded.failed(header, new Failed(header.sopClassUid(), header.sopInstanceUid(), reason,
                    e.status() == 400 ? "the archive could not read this file" : "the archive failed; send it again"),
                    e.status() == 0 || e.status() >= 500);
        } catch (IOException e) {
            LOG.warn("could not read back a spooled part: {}", e.getMessage());
            return Forwarded.failed(header, new Failed(header.sopClassUid(), header.sopInstanceUid(),
                    FailureReason.PROCESSING_FAILURE.code(), "albums-server could not read the part back from its disk; send it again"), false);
        }
    }

    private static Forwarded await(Future<?> future) {
        try {
            return (Forwarded) future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Orthanc", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("forwarding to Orthanc failed", e.getCause());
        }
    }

    private void recordEvent(UploadTarget target, StowResponse response, long bytes) {
        if (response.referenced().isEmpty()) {
            return;
        }
        long studies = response.referenced().stream().map(s -> s.retrieveUrl().replaceAll("/series/.*", "")).distinct().count();
        albums.event(target.album().id(), target.uploader(), AlbumEvent.UPLOAD, Map.of("instances", response.referenced().size(),
                "studies", studies, "bytes", bytes, "failed", response.failed().size(), "via", target.via()));
    }

    private static ContentType parseContentType(String header) {
        if (header == null || header.isBlank()) {
            throw unsupported("no Content-Type");
        }
        ContentType type;
        try {
            type = ContentType.parse(header);
        } catch (IllegalArgumentException e) {
            throw unsupported(e.getMessage());
        }
        if (type.is(ContentType.APPLICATION_DICOM)) {
            return type;
        }
        if (!type.is(ContentType.MULTIPART_RELATED)) {
            throw unsupported(type.mediaType());
        }
        Optional<String> partType = type.parameter("type");
        if (partType.isPresent() && !partType.get().equalsIgnoreCase(ContentType.APPLICATION_DICOM)) {
            throw unsupported("multipart/related of " + partType.get());
        }
        try {
            type.boundary();
        } catch (IllegalArgumentException e) {
            throw unsupported(e.getMessage());
        }
        return type;
    }

    private static ApiException unsupported(String what) {
        return new ApiException(415, "unsupported_media_type", "cannot store " + what
                + ": send multipart/related; type=\"application/dicom\" (or a single application/dicom body)");
    }

    private ApiException tooLarge(int stored) {
        return new ApiException(413, "too_large", "the upload is larger than this server accepts (" + maxBytes + " bytes)"
                + (stored > 0 ? "; the " + stored + " instances received before the limit were stored in the album" : "")
                + ": send it in smaller requests");
    }

    public void close() {
        forwarders.shutdownNow();
    }

    /** Counts what is read and stops past a limit, for bodies sent without Content-Length. */
    static final class LimitedInputStream extends FilterInputStream {
        static final class TooLargeException extends IOException {
            TooLargeException() {
                super("request body over the limit");
            }
        }

        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) throws TooLargeException {
            count += n;
            if (count > limit) {
                throw new TooLargeException();
            }
        }
    }
}
