package org.orthancalbums.server.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.orthancalbums.server.orthanc.OrthancClient;

/**
 * {@link AdmissionPolicy} asked about studies as Orthanc holds them, with the claims of albums that are
 * creating new studies: the same two questions for every ingest path (STOW-RS and DICOM C-STORE).
 */
final class Admission {
    /**
     * Whether the instance may go to Orthanc; {@code claimedNow}: this call claimed the (new) study for the
     * album; {@code unlabelledStudies}: studies Orthanc holds under this UID with no label yet.
     */
    record Decision(boolean allowed, boolean claimedNow, List<String> unlabelledStudies) {
    }

    private final OrthancClient orthanc;
    private final StudyClaims claims;

    Admission(OrthancClient orthanc, StudyClaims claims) {
        this.orthanc = orthanc;
        this.claims = claims;
    }

    /**
     * Before storing: a study Orthanc lacks is claimed for the album (a parallel sender, or the same files
     * sent again after a crash, find the claim); every study Orthanc holds under this StudyInstanceUID must
     * admit the uploader.
     */
    Decision beforeStore(UploadTarget target, String studyInstanceUid) {
        String albumId = target.album().id();
        List<String> existing = orthanc.findStudyIds(studyInstanceUid);
        if (existing.isEmpty()) {
            boolean ours = claims.claim(studyInstanceUid, albumId).equals(albumId);
            return new Decision(AdmissionPolicy.mayAdd(target, AdmissionPolicy.Study.absent(ours)), ours, List.of());
        }
        boolean claimed = claims.heldBy(studyInstanceUid, albumId);
        boolean allowed = true;
        List<String> unlabelled = new ArrayList<>();
        for (String id : existing) {
            Set<String> labels = orthanc.studyLabels(id);
            allowed &= AdmissionPolicy.mayAdd(target, new AdmissionPolicy.Study(true, labels, claimed));
            if (labels.isEmpty()) {
                unlabelled.add(id);
            }
        }
        return new Decision(allowed, false, unlabelled);
    }

    /**
     * After storing: the study Orthanc filed the instance into must be the one the decision was made on
     * (its StudyInstanceUID as Orthanc indexed it) and admit the uploader.
     */
    boolean afterStore(UploadTarget target, String orthancStudyId, String declaredStudyInstanceUid) {
        String indexed = orthanc.study(orthancStudyId).path("MainDicomTags").path("StudyInstanceUID").asText();
        if (!indexed.equals(declaredStudyInstanceUid)) {
            return false;
        }
        // the claim before the labels: a concurrent upload of the same new study labels it and only then gives up
        // its claim, so a claim found gone means the label is there (read the other way round, both can be missed)
        boolean claimed = claims.heldBy(indexed, target.album().id());
        return AdmissionPolicy.mayAdd(target, new AdmissionPolicy.Study(true, orthanc.studyLabels(orthancStudyId), claimed));
    }
}
