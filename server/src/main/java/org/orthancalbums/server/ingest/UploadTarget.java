package org.orthancalbums.server.ingest;

import java.util.Set;
import org.orthancalbums.server.albums.Album;
import org.orthancalbums.server.auth.Caller;

/**
 * Where an upload goes and what its sender may already see. A study that exists in Orthanc may only
 * receive instances from someone who can see it: {@code seesEverything} (an admin) or a study label in
 * {@code visibleLabels}.
 *
 * @param via how the upload came in, for the album's history ("api" or "token &lt;id&gt;")
 */
public record UploadTarget(Album album, Caller uploader, Set<String> visibleLabels, boolean seesEverything, String via) {
}
