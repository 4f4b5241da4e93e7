package org.orthancalbums.server.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.BOB;
import static org.orthancalbums.server.Api.CAROL;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;

/**
 * albums-server killed with SIGKILL in the middle of a stream of membership changes, then started
 * again: the database is intact, every change is whole (the member and its history event together,
 * or neither), and the change the client got no answer for can simply be sent again.
 */
class MembershipCrashIT {
    /** The changes, in order: each changes something, so each writes exactly one history event. */
    private static final List<String[]> CHANGES = List.of(
            new String[] {BOB, "EDITOR"}, new String[] {CAROL, "VIEWER"}, new String[] {BOB, "VIEWER"}, new String[] {CAROL, null});

    @Test
    void aKilledServerLeavesNoHalfChangeAndTheUnansweredChangeCanBeSentAgain() throws Exception {
        Api alice = Api.as("alice");
        String album = alice.createAlbum("Killed while sharing");
        alice.share(album, BOB, "VIEWER");
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread changes = new Thread(() -> {
            for (int n = 0; running.get(); n++) {
                try {
                    int status = apply(alice, album, CHANGES.get(n % CHANGES.size())).status();
                    if (status >= 300) {
                        return;
                    }
                    answered.incrementAndGet();
                } catch (RuntimeException e) {
                    return; // the server is gone: this change got no answer
                }
            }
        });
        changes.start();
        while (answered.get() < 30) {
            Thread.sleep(10);
        }
        Stack.kill("albums-server");
        running.set(false);
        changes.join();
        Stack.up();

        try (Connection db = DriverManager.getConnection(Stack.env("ALBUMS_DB_URL"));
             ResultSet check = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            check.next();
            assertThat(check.getString(1)).isEqualTo("ok");
        }
        int events = 0;
        for (var event : alice.get("/api/albums/" + album + "/events?limit=100").json().path("items")) {
            if (event.path("kind").asText().startsWith("member_")) {
                events++;
            }
        }
        int applied = events - 1; // the first event is bob's invitation
        assertThat(applied).as("every answered change, and at most the one in flight").isBetween(answered.get(), answered.get() + 1);
        assertThat(members(alice, album)).as("the members are exactly those of the changes with an event")
                .isEqualTo(stateAfter(applied));

        // the client sends the change it got no answer for again: done, whether or not it was applied
        String[] unanswered = CHANGES.get(answered.get() % CHANGES.size());
        int again = apply(alice, album, unanswered).status();
        assertThat(again).isIn(200, 204, 404);
        assertThat(members(alice, album)).isEqualTo(stateAfter(answered.get() + 1));
    }

    private static Api.Reply apply(Api alice, String album, String[] change) {
        return change[1] == null ? alice.delete("/api/albums/" + album + "/members/" + change[0])
                : alice.share(album, change[0], change[1]);
    }

    private static Map<String, String> stateAfter(int changes) {
        Map<String, String> members = new HashMap<>(Map.of(Api.ALICE, "OWNER", BOB, "VIEWER"));
        for (int n = 0; n < changes; n++) {
            String[] change = CHANGES.get(n % CHANGES.size());
            if (change[1] == null) {
                members.remove(change[0]);
            } else {
                members.put(change[0], change[1]);
            }
        }
        return members;
    }

    private static Map<String, String> members(Api alice, String album) {
        Map<String, String> members = new HashMap<>();
        alice.get("/api/albums/" + album + "/members").json().forEach(m -> members.put(m.path("userId").asText(), m.path("role").asText()));
        return members;
    }
}
