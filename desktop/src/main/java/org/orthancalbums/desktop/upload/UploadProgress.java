package org.orthancalbums.desktop.upload;

import java.time.Duration;
import java.util.List;

/**
 * Where an upload stands: files and bytes done of the total (files already in the album count as
 * done), the sending rate, the time left at that rate (null until the rate means something), and
 * each study's own state, in the order of the scan.
 */
public record UploadProgress(int filesDone, int filesTotal, long bytesDone, long bytesTotal, double bytesPerSecond,
                             Duration remaining, List<StudyProgress> studies) {

    public UploadProgress {
        studies = List.copyOf(studies);
    }

    public double fraction() {
        return bytesTotal == 0 ? (filesTotal == 0 ? 1 : (double) filesDone / filesTotal) : (double) bytesDone / bytesTotal;
    }
}
