package org.orthancalbums.desktop;

import java.io.IOException;
import java.util.UUID;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.remote.AlbumsClient;

/** Test data in the running stack: albums through the real API, studies through Orthanc then an admin. */
public final class StackData {
    private static final OkHttpClient HTTP = new OkHttpClient();

    private StackData() {
    }

    public static AlbumsClient client(String user) {
        return new AlbumsClient(HTTP, Stack.albumsUrl().toString(), new PasswordSession(user));
    }

    public static AlbumView album(String user, String name) throws IOException {
        return client(user).createAlbum(name + " " + UUID.randomUUID().toString().substring(0, 6), "made by a UI test");
    }

    /** A new study with {@code instances} images, stored in Orthanc and put into the album by the admin. */
    public static String study(AlbumView album, String patientName, String description, int instances) throws IOException {
        String studyUid = Uids.random();
        String seriesUid = Uids.random();
        for (int i = 1; i <= instances; i++) {
            byte[] dicom = DicomFileWriter.write(new DicomFileWriter.Instance("UI-" + studyUid.substring(studyUid.length() - 6),
                    patientName, studyUid, seriesUid, Uids.random(), "20240611", description, "MR", 1, i, 64, 64));
            Request request = new Request.Builder().url(Stack.orthancUrl() + "/instances")
                    .header("Authorization", Credentials.basic(Stack.env("ORTHANC_ADMIN_USER"), Stack.env("ORTHANC_ADMIN_PASSWORD")))
                    .post(RequestBody.create(dicom, MediaType.get("application/dicom"))).build();
            try (Response response = HTTP.newCall(request).execute()) {
                if (!response.isSuccessful()) {
                    throw new IOException("Orthanc refused a test instance: " + response.code());
                }
            }
        }
        client("admin").addStudy(album.id(), studyUid);
        return studyUid;
    }

    /** How many instances the album's history says were received, over all uploads: what went over the wire. */
    public static int uploadedInstances(String user, String albumId) throws IOException {
        Request request = new Request.Builder().url(Stack.albumsUrl().resolve("/api/albums/" + albumId + "/events?limit=500").toString())
                .header("Authorization", "Bearer " + Stack.accessToken(user)).build();
        try (Response response = HTTP.newCall(request).execute()) {
            int total = 0;
            for (var event : new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body().string()).path("items")) {
                if (event.path("kind").asText().equals("upload")) {
                    total += event.path("detail").path("instances").asInt();
                }
            }
            return total;
        }
    }
}
