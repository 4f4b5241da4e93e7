package org.orthancalbums.desktop.download;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.orthancalbums.desktop.Tally;

/**
 * What a download did with every file: fetched now, already there from an earlier run (not fetched
 * again), failed (with the server's reason), or not fetched because the run stopped: cancelled, or
 * {@code failure} (the connection or the session). {@code target}: the folder or the ZIP file.
 */
public record DownloadReport(Path target, List<FileResult> files, boolean cancelled, java.io.IOException failure) {

    public enum Outcome { FETCHED, ALREADY_THERE, FAILED, NOT_FETCHED }

    /** One file: its path under the target, its instance, its size, what happened, and why when it failed. */
    public record FileResult(String path, String studyInstanceUid, String sopInstanceUid, long size, Outcome outcome, String reason) {
    }

    public DownloadReport {
        files = List.copyOf(files);
    }

    public Map<Outcome, Integer> counts() {
        return Tally.of(Outcome.class, files, FileResult::outcome);
    }

    /** Every file is in the target: nothing failed, nothing left. */
    public boolean complete() {
        return !cancelled && failure == null && files.stream().allMatch(f -> f.outcome() == Outcome.FETCHED || f.outcome() == Outcome.ALREADY_THERE);
    }
}
