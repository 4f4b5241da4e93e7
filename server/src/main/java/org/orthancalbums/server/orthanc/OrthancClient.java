package org.orthancalbums.server.orthanc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Orthanc's REST API as albums-server uses it, with the server's own credentials: HTTP basic auth
 * (local stack) or a service API key sent as a bearer token (production, behind the authorization
 * plugin). Idempotent calls are retried a few times on connection failures and 5xx answers.
 */
public class OrthancClient {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType TEXT = MediaType.get("text/plain");
    private static final int ATTEMPTS = 3;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "orthanc-store-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        // connections the JDK keeps open per host (5 by default): one per part in flight to Orthanc
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "32");
        }
    }

    private final HttpUrl base;
    private final String authorization;
    private final OkHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    public OrthancClient(URI baseUrl, String user, String password, String apiKey) {
        this(baseUrl, user, password, apiKey, READ_TIMEOUT);
    }

    /**
     * {@code timeout}: how long a REST call may wait for Orthanc's answer before the caller is told the
     * archive is not answering (uploads of large files have their own, longer limit).
     */
    public OrthancClient(URI baseUrl, String user, String password, String apiKey, Duration timeout) {
        this(baseUrl, user, password, apiKey, new OkHttpClient.Builder()
                // uploads keep a dozen requests to Orthanc in flight: keep their connections open between parts
                .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build());
    }

    public OrthancClient(URI baseUrl, String user, String password, String apiKey, OkHttpClient http) {
        this.base = HttpUrl.get(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.authorization = apiKey != null ? "Bearer " + apiKey : Credentials.basic(user, password);
        this.http = http;
    }

    public OkHttpClient http() {
        return http;
    }

    public HttpUrl url(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Request.Builder request(String path) {
        return new Request.Builder().url(url(path)).header("Authorization", authorization);
    }

    public JsonNode system() {
        return json(request("/system").get().build(), true);
    }

    /** Orthanc's id of the study with this StudyInstanceUID, if Orthanc has it. */
    public Optional<String> findStudyId(String studyInstanceUid) {
        return findStudyIds(studyInstanceUid).stream().findFirst();
    }

    /** Every study with this StudyInstanceUID: several patients' studies may share one (a collision, or a forgery). */
    public List<String> findStudyIds(String studyInstanceUid) {
        return lookup(studyInstanceUid, "Study");
    }

    /** Every instance with this SOPInstanceUID (a forged file may reuse one in another study). */
    public List<String> findInstanceIds(String sopInstanceUid) {
        return lookup(sopInstanceUid, "Instance");
    }

    private List<String> lookup(String uid, String level) {
        JsonNode matches = json(request("/tools/lookup").post(RequestBody.create(uid, TEXT)).build(), true);
        List<String> ids = new ArrayList<>();
        for (JsonNode match : matches) {
            if (level.equals(match.path("Type").asText())) {
                ids.add(match.path("ID").asText());
            }
        }
        return ids;
    }

    /** Orthanc's id of the study an instance belongs to ({@code /instances/{id}/study}). */
    public String instanceStudyId(String instanceId) {
        return json(request("/instances/" + instanceId + "/study").get().build(), true).path("ID").asText();
    }

    public JsonNode study(String studyId) {
        return json(request("/studies/" + studyId).get().build(), true);
    }

    /** The study an instance belongs to, as Orthanc filed it ({@code /instances/{id}/study}). */
    public JsonNode instanceStudy(String instanceId) {
        return json(request("/instances/" + instanceId + "/study").get().build(), true);
    }

    /** The study's series with their main tags and instance ids ({@code /studies/{id}/series?expand}). */
    public JsonNode studySeries(String studyId) {
        return json(request("/studies/" + studyId + "/series?expand").get().build(), true);
    }

    /** The SOP Instance UIDs of a study's instances ({@code /studies/{id}/instances} main tags). */
    public Set<String> sopInstanceUids(String studyId) {
        Set<String> uids = new LinkedHashSet<>();
        json(request("/studies/" + studyId + "/instances").get().build(), true)
                .forEach(i -> uids.add(i.path("MainDicomTags").path("SOPInstanceUID").asText()));
        return uids;
    }

    /** The study's instances with their main tags, parent series and file size ({@code /studies/{id}/instances}). */
    public JsonNode studyInstances(String studyId) {
        return json(request("/studies/" + studyId + "/instances").get().build(), true);
    }

    /** A stored DICOM file on its way from Orthanc: read it to the end or close it, which frees the connection. */
    public record DicomFile(long length, InputStream content) {
    }

    /**
     * {@code GET /instances/{id}/file}, streamed: the caller copies it onwards without holding the
     * file in memory. Failures before the first byte are retried as any idempotent call.
     */
    public DicomFile instanceFile(String instanceId) {
        return retrying("GET /instances/{id}/file", ATTEMPTS, () -> {
            Response response = http.newCall(request("/instances/" + instanceId + "/file").get().build()).execute();
            if (!response.isSuccessful()) {
                response.close();
                throw new ErrorStatus(response.code());
            }
            return new DicomFile(response.body().contentLength(), response.body().byteStream());
        });
    }

    /** A PNG rendering of one instance, as Orthanc Explorer shows it. */
    public byte[] instancePreview(String instanceId) {
        Request request = request("/instances/" + instanceId + "/preview").header("Accept", "image/png").get().build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new OrthancException(response.code(), "Orthanc could not render instance " + instanceId);
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new OrthancException("Orthanc is unreachable at " + base + " (" + e.getMessage() + ")", e);
        }
    }

    public Set<String> studyLabels(String studyId) {
        Set<String> labels = new LinkedHashSet<>();
        json(request("/studies/" + studyId + "/labels").get().build(), true).forEach(l -> labels.add(l.asText()));
        return labels;
    }

    public void addLabel(String studyId, String label) {
        call(request("/studies/" + studyId + "/labels/" + label).put(RequestBody.create(new byte[0])).build(), true);
    }

    public void removeLabel(String studyId, String label) {
        call(request("/studies/" + studyId + "/labels/" + label).delete().build(), true);
    }

    /** {@code POST /tools/find} at study level; Orthanc 1.12.5+ understands Labels, Limit, Since, OrderBy. */
    public ArrayNode find(ObjectNode query) {
        // /tools/find only reads, so it is safe to retry although it is a POST
        return (ArrayNode) json(request("/tools/find").post(RequestBody.create(query.toString(), JSON)).build(), true);
    }

    /** {@code POST /tools/count-resources} (1.12.5+): {"Count": n}. */
    public JsonNode countResources(ObjectNode query) {
        return json(request("/tools/count-resources").post(RequestBody.create(query.toString(), JSON)).build(), true);
    }

    /** Stores one DICOM file (OE2's upload path); returns Orthanc's answer (ID, ParentStudy, Status). */
    public JsonNode storeInstance(byte[] dicom) {
        return storeInstance(dicom.length, out -> out.write(dicom));
    }

    /** A request body that can be written again when an attempt fails. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * {@code POST /instances}: the hot path of every upload, so it goes through the JDK's
     * HttpURLConnection, which writes the body straight to the socket where OkHttp copies it through
     * 8 KiB segments (a fifth of albums-server's CPU per uploaded GB, measured). Storing the same file
     * twice only answers "AlreadyStored", so a failed attempt is safely retried.
     */
    public JsonNode storeInstance(long length, Body dicom) {
        URL url = url("/instances").url();
        return retrying("POST /instances", ATTEMPTS, () -> {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setRequestMethod("POST");
            connection.setRequestProperty("Authorization", authorization);
            connection.setRequestProperty("Content-Type", "application/dicom");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(length);
            // HttpURLConnection has no write timeout: an Orthanc that stops reading is cut off here
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(connection::disconnect, READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try {
                try (OutputStream out = connection.getOutputStream()) {
                    dicom.writeTo(out);
                }
                int status = connection.getResponseCode();
                if (status == 200) {
                    try (InputStream in = connection.getInputStream()) {
                        return mapper.readTree(in);
                    } catch (JsonProcessingException e) {
                        throw new OrthancException(502, "Orthanc answered POST /instances with something else than JSON");
                    }
                }
                try (InputStream error = connection.getErrorStream()) {
                    if (error != null) {
                        error.transferTo(OutputStream.nullOutputStream()); // read to the end: the connection stays reusable
                    }
                }
                throw new ErrorStatus(status);
            } catch (ErrorStatus e) {
                throw e;
            } catch (IOException e) {
                connection.disconnect();
                throw e;
            } finally {
                watchdog.cancel(false);
            }
        });
    }

    public void deleteStudy(String studyId) {
        call(request("/studies/" + studyId).delete().build(), true);
    }

    public void deleteInstance(String instanceId) {
        call(request("/instances/" + instanceId).delete().build(), true);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private JsonNode json(Request request, boolean retry) {
        try {
            return mapper.readTree(call(request, retry));
        } catch (IOException e) {
            throw new OrthancException(502, "Orthanc sent invalid JSON for " + request.url().encodedPath());
        }
    }

    private String call(Request request, boolean retry) {
        return retrying(request.method() + " " + request.url().encodedPath(), retry ? ATTEMPTS : 1, () -> {
            try (Response response = http.newCall(request).execute()) {
                String text = response.body().string();
                if (!response.isSuccessful()) {
                    throw new ErrorStatus(response.code());
                }
                return text;
            }
        });
    }

    /** One try at a call to Orthanc. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws IOException;
    }

    /** Orthanc answered with an error status. */
    private static final class ErrorStatus extends IOException {
        private final int status;

        ErrorStatus(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    /**
     * The retry rule of every call, whichever HTTP client makes it: an error status from 500 on, or no
     * connection, is tried again ({@code attempts} in all, waiting a little longer each time); an error
     * status below 500 and a timeout are final.
     */
    private <T> T retrying(String what, int attempts, Attempt<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (ErrorStatus e) {
                if (e.status < 500 || n >= attempts) {
                    throw new OrthancException(e.status, "Orthanc answered " + e.status + " to " + what);
                }
            } catch (InterruptedIOException e) {
                throw new OrthancException("Orthanc did not answer in time (" + what + ")", e);
            } catch (IOException e) {
                if (n >= attempts) {
                    throw new OrthancException("Orthanc is unreachable at " + base + " (" + e.getMessage() + ")", e);
                }
            }
            sleepBeforeRetry(n);
        }
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrthancException("interrupted while retrying a call to Orthanc", e);
        }
    }
}
