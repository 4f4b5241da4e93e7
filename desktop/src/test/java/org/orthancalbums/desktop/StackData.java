package org.orthancalbums.desktop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.stow.MultipartRelatedWriter;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.remote.AlbumsClient;

/** Test data in the running stack: albums through the real API, studies through Orthanc then an admin. */
public final class StackData {
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** A small DICOM file of a synthetic patient, as a scanner would send it. */
    public static byte[] instance(String patientId, String patientName, String studyUid, String seriesUid, int seriesNumber, int number,
                                  String description) {
        return DicomFileWriter.write(new DicomFileWriter.Instance(patientId, patientName, studyUid, seriesUid, Uids.random(), "20250312",
                description, "CT", seriesNumber, number, 32, 32));
    }

    /** A STOW-RS request as DICOMweb tools send it (3D Slicer's dicomweb-client included): its HTTP status. */
    public static int stow(String studiesUrl, String authorization, List<byte[]> files) throws IOException {
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        List<MultipartRelatedWriter.PartSource> parts = files.stream().map(MultipartRelatedWriter.PartSource::of).toList();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.writeTo(body, parts);
        Request.Builder request = new Request.Builder().url(studiesUrl)
                .post(RequestBody.create(body.toByteArray(), MediaType.get(writer.contentTypeHeader())));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = HTTP.newCall(request.build()).execute()) {
            return response.code();
        }
    }

    /** Orthanc's own id of a study, as the authorization plugin sends it. */
    public static String orthancStudyId(String studyUid) throws IOException {
        return orthancId(studyUid, "Study");
    }

    /** Orthanc's id of the resource of this level ("Study", "Instance"…) with this DICOM UID. */
    public static String orthancId(String uid, String level) throws IOException {
        Request request = new Request.Builder().url(Stack.orthancUrl() + "/tools/lookup").header("Authorization", Stack.orthancBasicAuth())
                .post(RequestBody.create(uid, MediaType.get("text/plain"))).build();
        try (Response response = HTTP.newCall(request).execute()) {
            for (JsonNode match : JSON.readTree(response.body().string())) {
                if (match.path("Type").asText().equals(level)) {
                    return match.path("ID").asText();
                }
            }
        }
        throw new IOException("Orthanc has no " + level + " " + uid);
    }

    /**
     * A call to albums-server's web service for Orthanc's authorization plugin, as the plugin makes it:
     * basic auth with the plugin's user, a JSON body sent chunked (no Content-Length). Answers the JSON.
     */
    public static JsonNode plugin(String path, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        RequestBody chunked = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("application/json");
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(bytes);
            }
        };
        Request request = new Request.Builder().url(Stack.albumsUrl().resolve(path).toString())
                .header("Authorization", Stack.basic(Stack.env("PLUGIN_USER"), Stack.env("PLUGIN_PASSWORD"))).post(chunked).build();
        try (Response response = HTTP.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("the plugin route answered " + response.code());
            }
            return JSON.readTree(response.body().string());
        }
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
