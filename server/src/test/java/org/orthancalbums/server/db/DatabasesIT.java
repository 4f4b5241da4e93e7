package org.orthancalbums.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.BOB;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.Api.Reply;
import org.orthancalbums.server.InProcessServer;
import org.orthancalbums.server.albums.Album;
import org.orthancalbums.server.albums.AlbumEvent;
import org.orthancalbums.server.albums.AlbumRepository;
import org.orthancalbums.server.albums.Member;
import org.orthancalbums.server.auth.RolesSettings;

/** The same repository behaviour on SQLite (a real file) and on PostgreSQL (started by ./albums test). */
class DatabasesIT {
    @TempDir
    static Path folder;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("SQLite", "jdbc:sqlite:" + folder.resolve("albums-" + UUID.randomUUID() + ".db"), null),
                Arguments.of("PostgreSQL", Stack.env("ALBUMS_TEST_PG_URL"), Stack.env("ALBUMS_TEST_PG_USER")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void albumsMembersAndEventsBehaveTheSame(String name, String url, String user) {
        try (Database db = new Database(url, user, null)) {
            AlbumRepository albums = new AlbumRepository(db);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String id = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
            Album album = new Album(id, "Cœur 🫀 \"quoted\"", "", "alb_coeur_" + id, now, now);
            albums.insert(album);
            assertThat(albums.find(id)).contains(album);

            String owner = "owner-" + id;
            String viewer = "viewer-" + id;
            albums.putMember(new Member(id, owner, "o", "Owner", "o@x", AlbumRole.OWNER, now));
            albums.putMember(new Member(id, viewer, "v", "Viewer", "v@x", AlbumRole.VIEWER, now));
            albums.putMember(new Member(id, viewer, "v", "Viewer", "v@x", AlbumRole.EDITOR, now));
            assertThat(albums.member(id, viewer).orElseThrow().role()).isEqualTo(AlbumRole.EDITOR);
            assertThat(albums.memberCount(id)).isEqualTo(2);
            assertThat(albums.ownerCount(id)).isEqualTo(1);
            assertThat(albums.labelsOf(viewer, AlbumRole.VIEWER)).containsExactly(album.label());
            assertThat(albums.labelsOf(viewer, AlbumRole.EDITOR)).containsExactly(album.label());
            assertThat(albums.labelsOf(viewer, AlbumRole.OWNER)).isEmpty();
            assertThat(albums.albumsOf(viewer)).extracting(e -> e.getValue()).containsExactly(AlbumRole.EDITOR);

            for (int i = 0; i < 3; i++) {
                albums.addEvent(id, now, owner, "Owner", AlbumEvent.RENAMED, Map.of("n", i));
            }
            List<AlbumEvent> events = albums.events(id, 0, 2);
            assertThat(events).extracting(e -> e.detail().get("n")).containsExactly(2, 1);
            assertThat(albums.eventCount(id)).isEqualTo(3);

            // a failing transaction leaves nothing behind
            try {
                db.inTransaction(c -> {
                    albums.removeMember(id, viewer);
                    throw new IllegalStateException("boom");
                });
            } catch (IllegalStateException expected) {
                assertThat(expected).hasMessage("boom");
            }
            assertThat(albums.member(id, viewer)).isPresent();

            albums.delete(album, owner, now);
            assertThat(albums.find(id)).isEmpty();
            assertThat(albums.labelsOf(viewer, AlbumRole.VIEWER)).isEmpty();
            assertThat(albums.findDeleted(id)).map(Album::label).contains(album.label());
            assertThat(albums.eventCount(id)).as("the history outlives the album").isEqualTo(3);

            RolesSettings roles = new RolesSettings(db);
            var original = roles.get();
            try {
                var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                var settings = mapper.createObjectNode();
                settings.putObject("roles").putObject("radiologist").putArray("permissions").add("view");
                roles.put(settings);
                assertThat(roles.get().path("roles").path("radiologist").path("permissions").toString()).isEqualTo("[\"view\"]");
                assertThat(roles.grantFor(List.of("radiologist", "unknown")).permissions()).containsExactly("view");
            } finally {
                roles.put(original);
            }
        }
    }

    @Test
    void theWholeServerRunsOnPostgresql() {
        try (InProcessServer server = new InProcessServer(Map.of(
                "ALBUMS_DB_URL", Stack.env("ALBUMS_TEST_PG_URL"), "ALBUMS_DB_USER", Stack.env("ALBUMS_TEST_PG_USER")))) {
            Api alice = server.as("alice");
            String id = alice.createAlbum("On PostgreSQL");
            assertThat(alice.share(id, BOB, "CONTRIBUTOR").status()).isEqualTo(200);
            Reply bobs = server.as("bob").get("/api/albums/" + id);
            assertThat(bobs.field("role")).isEqualTo("CONTRIBUTOR");
            String uid = Api.newStudy("Pg^Patient", "Stored via PostgreSQL server");
            assertThat(server.as("admin").put("/api/albums/" + id + "/studies/" + uid, "").status()).isEqualTo(204);
            assertThat(alice.get("/api/albums/" + id + "/studies").json().path("total").asInt()).isEqualTo(1);
            Reply profile = server.plugin().post("/user/get-profile",
                    "{\"token-key\":\"authorization\",\"token-value\":\"Bearer " + Stack.accessToken("bob") + "\",\"server-id\":null}");
            assertThat(profile.json().path("authorized-labels").toString()).contains(bobs.field("label"));
        }
    }
}
