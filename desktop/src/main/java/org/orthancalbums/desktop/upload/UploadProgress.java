package org.orthancalbums.desktop.upload;

import java.time.Duration;

/**
 * Where an upload stands: files and bytes done of the total (files already in the album count as
 * done), the sending rate, and the time left at that rate (null until there is a rate).
 */
public record UploadProgress(int filesDone, int filesTotal, long bytesDone, long bytesTotal, double bytesPerSecond,
                             Duration remaining) {

    public double fraction() {
        return bytesTotal == 0 ? (filesTotal == 0 ? 1 : (double) filesDone / filesTotal) : (double) bytesDone / bytesTotal;
    }
}
