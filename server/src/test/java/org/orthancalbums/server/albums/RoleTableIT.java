package org.orthancalbums.server.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.BOB;
import static org.orthancalbums.server.Api.CAROL;

import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.albums.AlbumRole;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.Api.Reply;

/**
 * The whole role table, enforced by the server: bob holds each role in turn in an album of alice's
 * and tries every action. (The table itself is pinned by core's AlbumActionTest.)
 */
class RoleTableIT {
    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");

    @ParameterizedTest
    @EnumSource(AlbumRole.class)
    void everyActionIsAllowedExactlyFromItsMinimumRole(AlbumRole role) {
        String album = alice.createAlbum("Roles " + role);
        String inAlbum = Api.newStudyIn(album, "Role^Test", "In the album");
        String bobsAlbum = bob.createAlbum("Bob's own");
        String bobCanSee = Api.newStudyIn(bobsAlbum, "Bob^Sees", "Seen by bob");
        assertThat(alice.share(album, BOB, role.name()).status()).isEqualTo(200);

        check(role, AlbumAction.VIEW_STUDIES, 200, () -> bob.get("/api/albums/" + album + "/studies"));
        check(role, AlbumAction.ADD_STUDY, 204, () -> bob.put("/api/albums/" + album + "/studies/" + bobCanSee, ""));
        check(role, AlbumAction.REMOVE_STUDY, 204, () -> bob.delete("/api/albums/" + album + "/studies/" + inAlbum));
        check(role, AlbumAction.EDIT_DETAILS, 200, () -> bob.patch("/api/albums/" + album, "{\"description\":\"by bob\"}"));
        check(role, AlbumAction.MANAGE_MEMBERS, 200, () -> bob.share(album, CAROL, "VIEWER"));
        check(role, AlbumAction.MANAGE_OWNERS, 200, () -> bob.share(album, CAROL, "OWNER"));
        // every role may read the members and the history
        assertThat(bob.get("/api/albums/" + album + "/members").status()).isEqualTo(200);
        assertThat(bob.get("/api/albums/" + album + "/events").status()).isEqualTo(200);
        check(role, AlbumAction.DELETE_ALBUM, 204, () -> bob.delete("/api/albums/" + album));
    }

    private static void check(AlbumRole role, AlbumAction action, int successStatus, Supplier<Reply> attempt) {
        Reply reply = attempt.get();
        if (action.allowedFor(role)) {
            assertThat(reply.status()).as(role + " may " + action + ": " + reply.text()).isEqualTo(successStatus);
        } else {
            assertThat(reply.status()).as(role + " may not " + action + ": " + reply.text()).isEqualTo(403);
            assertThat(reply.field("error")).isEqualTo("forbidden");
            assertThat(reply.field("message")).contains(role.name());
        }
    }
}
