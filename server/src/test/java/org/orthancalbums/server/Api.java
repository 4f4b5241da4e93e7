package org.orthancalbums.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.orthanc.OrthancClient;

/** A plain HTTP client of albums-server for the integration tests, acting as one demo user. */
public final class Api {
    public static final String ALICE = "a11ce000-0000-4000-8000-000000000001";
    public static final String BOB = "b0b00000-0000-4000-8000-000000000002";
    public static final String CAROL = "ca201000-0000-4000-8000-000000000003";
    public static final String ADMIN = "ad000000-0000-4000-8000-000000000004";
    /** In no album as editor or owner, and may not create albums (AttackIT relies on it). */
    public static final String DAVE = "da0e0000-0000-4000-8000-000000000006";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An answer: status and parsed JSON body (missing node when empty or not JSON). */
    public record Reply(int status, JsonNode json, String text) {
        public String field(String name) {
            return json.path(name).asText();
        }
    }

    private final URI base;
    private final String authorization;

    private Api(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static Api as(String user) {
        return new Api(Stack.albumsUrl(), "Bearer " + Stack.accessToken(user));
    }

    public static Api withAuthorization(String header) {
        return new Api(Stack.albumsUrl(), header);
    }

    public static Api at(URI base, String authorizationHeader) {
        return new Api(base, authorizationHeader);
    }

    public static Api anonymous() {
        return new Api(Stack.albumsUrl(), null);
    }

    public Reply get(String path) {
        return send(builder(path).GET());
    }

    public Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    public Reply post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply patch(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Creates an album with a unique name and answers its id. */
    public String createAlbum(String name) {
        Reply reply = post("/api/albums", "{\"name\":" + quote(name + " " + UUID.randomUUID().toString().substring(0, 8)) + "}");
        if (reply.status() != 201) {
            throw new IllegalStateException("cannot create album: " + reply.status() + " " + reply.text());
        }
        return reply.field("id");
    }

    public Reply share(String albumId, String userId, String role) {
        return put("/api/albums/" + albumId + "/members/" + userId, "{\"role\":\"" + role + "\"}");
    }

    public static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = Stack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? MissingNode.getInstance() : MAPPER.readTree(response.body());
            } catch (IOException e) {
                json = MissingNode.getInstance();
            }
            return new Reply(response.statusCode(), json, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("albums-server is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Orthanc of the stack with admin rights, to make studies that tests then put into albums. */
    public static OrthancClient orthanc() {
        return new OrthancClient(Stack.orthancUrl(), Stack.env("ORTHANC_ADMIN_USER"), Stack.env("ORTHANC_ADMIN_PASSWORD"), null);
    }

    /** Stores a new one-instance study in Orthanc (in no album) and answers its StudyInstanceUID. */
    public static String newStudy(String patientName, String description) {
        String studyUid = Uids.random();
        orthanc().storeInstance(DicomFileWriter.write(new DicomFileWriter.Instance("PID-" + studyUid.substring(studyUid.length() - 8),
                patientName, studyUid, Uids.random(), Uids.random(), "20240315", description, "CT", 1, 1, 8, 8)));
        return studyUid;
    }

    /** A new study, put into the album by an administrator. */
    public static String newStudyIn(String albumId, String patientName, String description) {
        String uid = newStudy(patientName, description);
        Reply reply = as("admin").put("/api/albums/" + albumId + "/studies/" + uid, "");
        if (reply.status() != 204) {
            throw new IllegalStateException("admin cannot add a study: " + reply.status() + " " + reply.text());
        }
        return uid;
    }
}
