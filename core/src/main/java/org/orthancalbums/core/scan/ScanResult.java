package org.orthancalbums.core.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.orthancalbums.core.dicom.DicomHeader;

/** What a drop would upload: the DICOM files found, the files skipped with why, and the studies. */
public record ScanResult(List<Found> files, List<Skipped> skipped) {

    /** A DICOM file and its header; {@code source} gives it as a Part-10 file, the one to send. */
    public record Found(FileSource source, DicomHeader header) {
    }

    /**
     * A file that will not be sent: why (an app says it in its user's language) and the technical detail, if any,
     * for a report.
     */
    public record Skipped(String displayPath, long size, Why why, String detail) {
        public Skipped(String displayPath, long size, Why why) {
            this(displayPath, size, why, "");
        }

        /** In English, detail included: for the command line and reports. */
        public String reason() {
            return detail.isEmpty() ? why.words : why.words + " (" + detail + ")";
        }
    }

    /** Why a file is skipped. */
    public enum Why {
        MISSING("does not exist"),
        UNREADABLE("cannot be read"),
        DAMAGED_ZIP("a damaged zip archive"),
        DICOMDIR("a DICOMDIR (a CD's index, not an image)"),
        NOT_DICOM("not a DICOM file"),
        TRUNCATED("a truncated DICOM file"),
        UNSUPPORTED("a DICOM file that cannot be read"),
        NO_UIDS("DICOM without a study or instance UID");

        private final String words;

        Why(String words) {
            this.words = words;
        }
    }

    /** One study of the drop, as the preview shows it. */
    public record Study(String studyInstanceUid, String patientName, String patientId, String studyDate, String description,
                        List<String> modalities, int seriesCount, int fileCount, long bytes) {
    }

    public ScanResult {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    public long bytes() {
        return files.stream().mapToLong(f -> f.source().size()).sum();
    }

    /** Studies in the order they were first met. */
    public List<Study> studies() {
        Map<String, List<Found>> byStudy = new LinkedHashMap<>();
        for (Found file : files) {
            byStudy.computeIfAbsent(file.header().studyInstanceUid(), k -> new ArrayList<>()).add(file);
        }
        List<Study> studies = new ArrayList<>();
        byStudy.forEach((uid, members) -> {
            DicomHeader first = members.get(0).header();
            TreeSet<String> modalities = new TreeSet<>();
            TreeSet<String> series = new TreeSet<>();
            long bytes = 0;
            for (Found f : members) {
                if (f.header().modality() != null) {
                    modalities.add(f.header().modality());
                }
                series.add(String.valueOf(f.header().seriesInstanceUid()));
                bytes += f.source().size();
            }
            studies.add(new Study(uid, nonNull(first.patientName()), nonNull(first.patientId()), nonNull(first.studyDate()),
                    nonNull(first.studyDescription()), List.copyOf(modalities), series.size(), members.size(), bytes));
        });
        return studies;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
