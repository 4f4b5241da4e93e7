package org.orthancalbums.server.ingest;

import java.util.Set;
import org.orthancalbums.server.albums.Album;
import org.orthancalbums.server.auth.Caller;

/**
 * Where an upload goes and what its sender may write to: {@code writableLabels} are the labels of the
 * albums where the sender may upload (an upload token: its album only), {@code admin} may add to any
 * study. See {@link AdmissionPolicy}.
 *
 * @param via how the upload came in, for the album's history ("app" or "token &lt;id&gt;")
 */
public record UploadTarget(Album album, Caller uploader, Set<String> writableLabels, boolean admin, String via) {
}
