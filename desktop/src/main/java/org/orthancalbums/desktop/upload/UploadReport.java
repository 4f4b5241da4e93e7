package org.orthancalbums.desktop.upload;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orthancalbums.desktop.Tally;

/** What happened to every file of an upload, for the end-of-upload report (copy or save as CSV). */
public record UploadReport(List<FileResult> files) {

    public enum Outcome { STORED, ALREADY_PRESENT, FAILED, SKIPPED, NOT_SENT }

    /** One file: where it came from, which instance it is (when known), what happened and why. */
    public record FileResult(String path, String studyInstanceUid, String sopInstanceUid, Outcome outcome, String reason) {
    }

    public UploadReport {
        files = List.copyOf(files);
    }

    /**
     * This report, for a drop sent in several runs (paused, then resumed): a file that the album holds
     * now but did not hold before the first run was stored by this upload, even when an earlier run
     * stored it (or a request cut by the pause did, unknown to the app).
     */
    public UploadReport resuming(Set<String> inAlbumBeforeTheUpload) {
        return new UploadReport(files.stream().map(f -> f.outcome() == Outcome.ALREADY_PRESENT && !inAlbumBeforeTheUpload.contains(f.sopInstanceUid())
                ? new FileResult(f.path(), f.studyInstanceUid(), f.sopInstanceUid(), Outcome.STORED, "") : f).toList());
    }

    public Map<Outcome, Integer> counts() {
        return Tally.of(Outcome.class, files, FileResult::outcome);
    }

    /** Nothing failed and nothing was left unsent (skipped non-DICOM files do not count as failures). */
    public boolean complete() {
        return files.stream().noneMatch(f -> f.outcome() == Outcome.FAILED || f.outcome() == Outcome.NOT_SENT);
    }

    public String toCsv() {
        StringBuilder csv = new StringBuilder("file,study_instance_uid,sop_instance_uid,outcome,reason\n");
        for (FileResult f : files) {
            csv.append(cell(f.path())).append(',').append(cell(f.studyInstanceUid())).append(',').append(cell(f.sopInstanceUid()))
                    .append(',').append(f.outcome().name().toLowerCase()).append(',').append(cell(f.reason())).append('\n');
        }
        return csv.toString();
    }

    /** RFC 4180 quoting; a leading =,+,-,@ is defused so that a spreadsheet never runs a file name as a formula. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return text.matches(".*[\",\\r\\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
