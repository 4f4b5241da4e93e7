package org.orthancalbums.desktop.upload;

import java.io.IOException;
import java.util.Set;
import okhttp3.HttpUrl;
import org.orthancalbums.desktop.remote.AlbumsClient;

/**
 * Where an upload goes and how it authenticates: an album with the user's session (which also lets
 * the engine ask what the album already holds), or an album upload token (STOW only: no resume check).
 */
public interface Destination {

    HttpUrl stowUrl();

    String authorization() throws IOException;

    /** The SOP Instance UIDs already there for this study, or empty when this destination cannot tell. */
    Set<String> alreadyThere(String studyInstanceUid) throws IOException;

    static Destination album(AlbumsClient client, String albumId) {
        return new Destination() {
            @Override
            public HttpUrl stowUrl() {
                return HttpUrl.get(client.serverUrl()).newBuilder().addPathSegments("api/albums").addPathSegment(albumId)
                        .addPathSegments("dicom-web/studies").build();
            }

            @Override
            public String authorization() throws IOException {
                return "Bearer " + client.session().accessToken();
            }

            @Override
            public Set<String> alreadyThere(String studyInstanceUid) throws IOException {
                return Set.copyOf(client.instancesInAlbum(albumId, studyInstanceUid));
            }
        };
    }

    static Destination uploadToken(String serverUrl, String token) {
        return new Destination() {
            @Override
            public HttpUrl stowUrl() {
                return HttpUrl.get(serverUrl).newBuilder().addPathSegments("dicom-web/studies").build();
            }

            @Override
            public String authorization() {
                return "Bearer " + token;
            }

            @Override
            public Set<String> alreadyThere(String studyInstanceUid) {
                return Set.of(); // a token may only send; the server answers "already stored" for repeats anyway
            }
        };
    }
}
