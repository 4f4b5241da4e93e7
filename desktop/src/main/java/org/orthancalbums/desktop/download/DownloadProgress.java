package org.orthancalbums.desktop.download;

import java.time.Duration;

/**
 * Where a download stands. While {@code listing}, the studies whose files are being listed; then files
 * and bytes done of the total (files already there count as done), the rate of what is fetched, the
 * time left at that rate (null until the rate means something).
 */
public record DownloadProgress(boolean listing, int studiesListed, int studiesTotal, int filesDone, int filesTotal,
                               long bytesDone, long bytesTotal, double bytesPerSecond, Duration remaining) {

    public double fraction() {
        if (listing) {
            return studiesTotal == 0 ? -1 : (double) studiesListed / studiesTotal;
        }
        return bytesTotal == 0 ? (filesTotal == 0 ? 1 : (double) filesDone / filesTotal) : (double) bytesDone / bytesTotal;
    }
}
