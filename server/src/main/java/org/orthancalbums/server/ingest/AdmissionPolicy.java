package org.orthancalbums.server.ingest;

import java.util.Set;

/**
 * Who may add instances to which study: the one admission rule of every ingest path (STOW-RS, and
 * DICOM C-STORE through the same class). Seeing a study is not writing to it: a study Orthanc holds
 * takes new instances only from an administrator, or from an uploader whose role allows uploads in
 * an album that holds the study. A study nobody labels takes them only from the album creating it
 * (its claim, see {@link StudyClaims}). A claim never opens a labelled study.
 *
 * <p>The rule is asked twice per study: before an instance is sent to Orthanc (on what our reader
 * parsed), and after Orthanc stored it (on the study Orthanc actually filed it into).
 */
public final class AdmissionPolicy {
    private AdmissionPolicy() {
    }

    /**
     * One study as Orthanc holds it, or holds it not.
     *
     * @param inOrthanc whether Orthanc has the study
     * @param labels its labels (none when Orthanc lacks it)
     * @param claimedByTargetAlbum whether the upload's album holds the claim on its StudyInstanceUID
     */
    public record Study(boolean inOrthanc, Set<String> labels, boolean claimedByTargetAlbum) {
        public static Study absent(boolean claimedByTargetAlbum) {
            return new Study(false, Set.of(), claimedByTargetAlbum);
        }
    }

    public static boolean mayAdd(UploadTarget target, Study study) {
        if (study.inOrthanc() && target.admin()) {
            return true;
        }
        if (study.labels().stream().anyMatch(target.writableLabels()::contains)) {
            return true;
        }
        return study.labels().isEmpty() && study.claimedByTargetAlbum();
    }
}
