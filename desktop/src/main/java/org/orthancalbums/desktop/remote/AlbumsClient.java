package org.orthancalbums.desktop.remote;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.EventView;
import org.orthancalbums.core.api.InstanceFile;
import org.orthancalbums.core.api.Json;
import org.orthancalbums.core.api.Me;
import org.orthancalbums.core.api.MemberView;
import org.orthancalbums.core.api.Page;
import org.orthancalbums.core.api.SeriesSummary;
import org.orthancalbums.core.api.StudyDetails;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.core.api.TokenViews;
import org.orthancalbums.core.api.UserView;
import org.orthancalbums.desktop.login.Session;

/**
 * The album API of albums-server, for the app. Blocking calls: models run them in background tasks.
 * Errors come back as {@link ApiError} (the server's sentence), {@link Session.SessionExpiredException}
 * or plain {@link IOException} when the server cannot be reached.
 */
public final class AlbumsClient {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl base;
    private final Session session;
    private final ObjectMapper mapper = Json.lenientMapper();

    public AlbumsClient(OkHttpClient http, String serverUrl, Session session) {
        this.http = http;
        this.base = HttpUrl.get(serverUrl.replaceAll("/+$", "") + "/");
        this.session = session;
    }

    public String serverUrl() {
        return base.toString();
    }

    public Session session() {
        return session;
    }

    public Me me() throws IOException {
        return get(url("api/me").build(), type(Me.class));
    }

    public List<AlbumView> albums() throws IOException {
        return get(url("api/albums").build(), mapper.getTypeFactory().constructCollectionType(List.class, AlbumView.class));
    }

    public AlbumView createAlbum(String name, String description) throws IOException {
        return send("POST", url("api/albums").build(), Map.of("name", name, "description", description), type(AlbumView.class));
    }

    public AlbumView updateAlbum(String albumId, String name, String description) throws IOException {
        Map<String, String> body = new java.util.HashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        if (description != null) {
            body.put("description", description);
        }
        return send("PATCH", album(albumId).build(), body, type(AlbumView.class));
    }

    public void deleteAlbum(String albumId) throws IOException {
        send("DELETE", album(albumId).build(), null, null);
    }

    public List<MemberView> members(String albumId) throws IOException {
        return get(album(albumId).addPathSegment("members").build(),
                mapper.getTypeFactory().constructCollectionType(List.class, MemberView.class));
    }

    public MemberView setMember(String albumId, String userId, AlbumRole role) throws IOException {
        return send("PUT", album(albumId).addPathSegment("members").addPathSegment(userId).build(), Map.of("role", role.name()),
                type(MemberView.class));
    }

    public void removeMember(String albumId, String userId) throws IOException {
        send("DELETE", album(albumId).addPathSegment("members").addPathSegment(userId).build(), null, null);
    }

    /** {@code sort}: studyDate, patientName, patientId or studyDescription; a leading "-" for descending. */
    public Page<StudySummary> studies(String albumId, String search, String sort, int offset, int limit) throws IOException {
        HttpUrl.Builder url = album(albumId).addPathSegment("studies").addQueryParameter("sort", sort)
                .addQueryParameter("offset", Integer.toString(offset)).addQueryParameter("limit", Integer.toString(limit));
        if (search != null && !search.isBlank()) {
            url.addQueryParameter("search", search.strip());
        }
        return get(url.build(), mapper.getTypeFactory().constructParametricType(Page.class, StudySummary.class));
    }

    public void addStudy(String albumId, String studyInstanceUid) throws IOException {
        send("PUT", study(albumId, studyInstanceUid).build(), null, null);
    }

    public void removeStudy(String albumId, String studyInstanceUid) throws IOException {
        send("DELETE", study(albumId, studyInstanceUid).build(), null, null);
    }

    public List<UserView> searchUsers(String text) throws IOException {
        return get(url("api/users").addQueryParameter("search", text).build(),
                mapper.getTypeFactory().constructCollectionType(List.class, UserView.class));
    }

    /** {@code dicom}: an upload token that also takes DICOM C-STORE, on an AE title of its own. */
    public TokenViews.Created createToken(String albumId, String kind, long seconds, String studyInstanceUid, boolean dicom)
            throws IOException {
        return send("POST", album(albumId).addPathSegment("tokens").build(),
                new TokenViews.CreateToken(kind, seconds, studyInstanceUid, dicom ? Boolean.TRUE : null), type(TokenViews.Created.class));
    }

    /** The album's tokens, without secrets: editors and owners see everyone's, other members their own. */
    public List<TokenViews.Listed> tokens(String albumId) throws IOException {
        return get(album(albumId).addPathSegment("tokens").build(),
                mapper.getTypeFactory().constructCollectionType(List.class, TokenViews.Listed.class));
    }

    public void revokeToken(String albumId, String tokenId) throws IOException {
        send("DELETE", album(albumId).addPathSegment("tokens").addPathSegment(tokenId).build(), null, null);
    }

    /** The album's history, newest first. */
    public Page<EventView> events(String albumId, int offset, int limit) throws IOException {
        return get(album(albumId).addPathSegment("events").addQueryParameter("offset", Integer.toString(offset))
                .addQueryParameter("limit", Integer.toString(limit)).build(),
                mapper.getTypeFactory().constructParametricType(Page.class, EventView.class));
    }

    /** The DICOM files of a study of the album, for a download. */
    public List<InstanceFile> files(String albumId, String studyInstanceUid) throws IOException {
        return get(study(albumId, studyInstanceUid).addPathSegment("files").build(),
                mapper.getTypeFactory().constructCollectionType(List.class, InstanceFile.class));
    }

    /** One DICOM file as Orthanc stored it, streamed: the caller reads it to the end and closes it. */
    public InputStream file(String albumId, String studyInstanceUid, String sopInstanceUid) throws IOException {
        Request request = new Request.Builder().url(study(albumId, studyInstanceUid).addPathSegment("files").addPathSegment(sopInstanceUid).build())
                .header("Authorization", "Bearer " + session.accessToken()).build();
        Response response = http.newCall(request).execute();
        try {
            check(response);
        } catch (IOException e) {
            response.close();
            throw e;
        }
        return response.body().byteStream();
    }

    public List<SeriesSummary> series(String albumId, String studyInstanceUid) throws IOException {
        return get(study(albumId, studyInstanceUid).addPathSegment("series").build(),
                mapper.getTypeFactory().constructCollectionType(List.class, SeriesSummary.class));
    }

    /** The SOP Instance UIDs the album already holds in this study (none when the study is not in it). */
    public List<String> instancesInAlbum(String albumId, String studyInstanceUid) throws IOException {
        return get(study(albumId, studyInstanceUid).addPathSegment("instances").build(),
                mapper.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /** Who, when, where from, and the series: the study details pane. */
    public StudyDetails details(String albumId, String studyInstanceUid) throws IOException {
        return get(study(albumId, studyInstanceUid).build(), type(StudyDetails.class));
    }

    /** A PNG of one series' middle image, rendered by Orthanc and served by albums-server to members: its thumbnail. */
    public byte[] seriesPreview(String albumId, String studyInstanceUid, String seriesInstanceUid) throws IOException {
        HttpUrl url = study(albumId, studyInstanceUid).addPathSegment("series").addPathSegment(seriesInstanceUid).addPathSegment("preview").build();
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + session.accessToken()).build();
        try (Response response = http.newCall(request).execute()) {
            check(response);
            return response.body().bytes();
        }
    }

    private HttpUrl.Builder url(String path) {
        return base.newBuilder().addPathSegments(path);
    }

    private HttpUrl.Builder album(String albumId) {
        return url("api/albums").addPathSegment(albumId);
    }

    private HttpUrl.Builder study(String albumId, String studyInstanceUid) {
        return album(albumId).addPathSegment("studies").addPathSegment(studyInstanceUid);
    }

    private JavaType type(Class<?> type) {
        return mapper.getTypeFactory().constructType(type);
    }

    private <T> T get(HttpUrl url, JavaType type) throws IOException {
        return execute(new Request.Builder().url(url).get(), type);
    }

    private <T> T send(String method, HttpUrl url, Object body, JavaType type) throws IOException {
        RequestBody requestBody = body == null ? (method.equals("DELETE") ? null : RequestBody.create(new byte[0]))
                : RequestBody.create(mapper.writeValueAsBytes(body), JSON);
        return execute(new Request.Builder().url(url).method(method, requestBody), type);
    }

    private <T> T execute(Request.Builder request, JavaType type) throws IOException {
        request.header("Authorization", "Bearer " + session.accessToken());
        try (Response response = http.newCall(request.build()).execute()) {
            check(response);
            return type == null ? null : mapper.readValue(response.body().byteStream(), type);
        }
    }

    private void check(Response response) throws IOException {
        if (response.code() == 401) {
            throw new Session.SessionExpiredException("your session has ended: log in again");
        }
        if (!response.isSuccessful()) {
            JsonNode error = readError(response);
            throw new ApiError(response.code(), error.path("error").asText("http_" + response.code()),
                    error.path("message").asText("the server answered " + response.code()));
        }
    }

    private JsonNode readError(Response response) {
        try {
            return mapper.readTree(response.body().string());
        } catch (IOException | RuntimeException e) {
            return mapper.createObjectNode();
        }
    }
}
