package org.orthancalbums.desktop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;

/**
 * Loads the demo data of `./albums demo` into the local stack, once: two albums owned by different
 * users (alice, bob), each with a few small synthetic studies. Reads the stack's URLs and
 * credentials from the environment that `./albums stack env` prints.
 */
public final class DemoData {
    private static final MediaType JSON = MediaType.get("application/json");

    private record DemoStudy(String patientName, String patientId, String date, String description, String modality,
                             int series, int instancesPerSeries) {
    }

    private record DemoAlbum(String owner, String name, String description, List<DemoStudy> studies) {
    }

    private static final List<DemoAlbum> ALBUMS = List.of(
            new DemoAlbum("alice", "Cardiology teaching files", "Cardiac CT and MR cases for the Thursday seminar", List.of(
                    new DemoStudy("Durand^Marie", "CARD-001", "20240312", "Cardiac CT angiography", "CT", 3, 4),
                    new DemoStudy("Lefebvre^Paul", "CARD-002", "20240402", "Cardiac MRI function", "MR", 2, 5),
                    new DemoStudy("Moreau^Léa", "CARD-003", "20231120", "Coronary calcium score", "CT", 1, 6))),
            new DemoAlbum("bob", "Neuro research cohort", "Brain MRI of the 2024 cohort", List.of(
                    new DemoStudy("Garcia^Lucas", "NEURO-101", "20240105", "Brain MRI with contrast", "MR", 3, 4),
                    new DemoStudy("Nguyen^Emma", "NEURO-102", "20240219", "Brain MRI perfusion", "MR", 2, 4))));

    private final OkHttpClient http = org.orthancalbums.desktop.remote.HttpClients.create();
    private final ObjectMapper mapper = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        new DemoData().load();
    }

    private void load() throws IOException {
        for (DemoAlbum album : ALBUMS) {
            String token = login(album.owner());
            JsonNode mine = call(new Request.Builder().url(env("ALBUMS_URL") + "/api/albums"), token);
            boolean exists = false;
            for (JsonNode existing : mine) {
                exists |= existing.path("name").asText().equals(album.name());
            }
            if (exists) {
                System.out.println("  " + album.name() + " (" + album.owner() + "): already there");
                continue;
            }
            String body = mapper.writeValueAsString(java.util.Map.of("name", album.name(), "description", album.description()));
            String id = call(new Request.Builder().url(env("ALBUMS_URL") + "/api/albums").post(RequestBody.create(body, JSON)), token)
                    .path("id").asText();
            String admin = login("admin");
            for (DemoStudy study : album.studies()) {
                String uid = store(study);
                call(new Request.Builder().url(env("ALBUMS_URL") + "/api/albums/" + id + "/studies/" + uid)
                        .put(RequestBody.create(new byte[0])), admin);
            }
            System.out.println("  " + album.name() + " (" + album.owner() + "): " + album.studies().size() + " studies");
        }
    }

    /** Stores a synthetic study straight into Orthanc and answers its StudyInstanceUID. */
    private String store(DemoStudy study) throws IOException {
        String studyUid = Uids.random();
        for (int s = 1; s <= study.series(); s++) {
            String seriesUid = Uids.random();
            for (int i = 1; i <= study.instancesPerSeries(); i++) {
                byte[] dicom = DicomFileWriter.write(new DicomFileWriter.Instance(study.patientId(), study.patientName(),
                        studyUid, seriesUid, Uids.random(), study.date(), study.description(), study.modality(), s, i, 128, 128));
                Request request = new Request.Builder().url(env("ORTHANC_URL") + "/instances")
                        .header("Authorization", Credentials.basic(env("ORTHANC_ADMIN_USER"), env("ORTHANC_ADMIN_PASSWORD")))
                        .post(RequestBody.create(dicom, MediaType.get("application/dicom"))).build();
                try (Response response = http.newCall(request).execute()) {
                    if (!response.isSuccessful()) {
                        throw new IOException("Orthanc refused a demo instance: " + response.code());
                    }
                }
            }
        }
        return studyUid;
    }

    /** The demo realm allows password logins so that scripts need no browser (never in production). */
    private String login(String user) throws IOException {
        Request request = new Request.Builder()
                .url(env("KEYCLOAK_URL") + "/realms/" + env("REALM") + "/protocol/openid-connect/token")
                .post(new FormBody.Builder().add("grant_type", "password").add("client_id", env("KEYCLOAK_CLIENT_ID"))
                        .add("username", user).add("password", user).build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("Keycloak refused the demo login of " + user + ": " + response.code());
            }
            return mapper.readTree(response.body().string()).path("access_token").asText();
        }
    }

    private JsonNode call(Request.Builder request, String token) throws IOException {
        try (Response response = http.newCall(request.header("Authorization", "Bearer " + token).build()).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException("albums-server answered " + response.code() + ": " + text);
            }
            return text.isEmpty() ? mapper.nullNode() : mapper.readTree(text);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set: run this through ./albums demo");
        }
        return value;
    }
}
