package org.orthancalbums.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.InProcessServer;

/**
 * The plugin asks for a user's profile before every request; albums-server keeps it, remade at once when a
 * membership changes through it, and within about a second when one changes beside it (another albums-server
 * on the same database, an operator's SQL). Past that second one request remakes it while the others answer
 * the kept one, so none of them waits and none of them fails.
 */
class ProfileFreshnessIT {
    @Test
    void aMembershipAddedBesideTheServerReachesTheProfileWithinAboutASecond() throws Exception {
        String db = "target/profile-freshness-" + System.nanoTime() + ".db";
        ExecutorService plugin = Executors.newFixedThreadPool(8);
        try (InProcessServer server = new InProcessServer(Map.of("ALBUMS_DB_URL", "jdbc:sqlite:" + db))) {
            String bobsAlbum = server.as("bob").createAlbum("Bob's own");
            String body = "{\"token-key\":\"Authorization\",\"token-value\":\"Bearer " + Stack.accessToken("alice") + "\"}";
            String label;
            try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                label = labelOf(sql, bobsAlbum);
                assertThat(labels(server.plugin().post("/user/get-profile", body))).doesNotContain(label);
                try (PreparedStatement add = sql.prepareStatement("INSERT INTO members (album_id, user_id, username, display_name, email, role, added_at)"
                        + " VALUES (?, ?, 'alice', 'Alice Martin', '', 'VIEWER', 0)")) {
                    add.setString(1, bobsAlbum);
                    add.setString(2, Api.ALICE);
                    add.executeUpdate();
                }
            }
            long added = System.nanoTime();
            List<String> seen = List.of();
            while (!seen.contains(label) && System.nanoTime() - added < 3_000_000_000L) {
                // eight questions at once, as Orthanc's threads ask them: every one is answered, old or new
                List<Future<Api.Reply>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(plugin.submit(() -> server.plugin().post("/user/get-profile", body)));
                }
                for (Future<Api.Reply> answer : answers) {
                    Api.Reply reply = answer.get();
                    assertThat(reply.status()).isEqualTo(200);
                    assertThat(reply.field("name")).isEqualTo("Alice Martin");
                    seen = labels(reply);
                }
                Thread.sleep(50);
            }
            assertThat(seen).as("bob's album, joined beside the server").contains(label);
            assertThat((System.nanoTime() - added) / 1e9).as("about the profile's one second, then one remake").isLessThan(2.5);
        } finally {
            plugin.shutdownNow();
        }
    }

    private static String labelOf(Connection sql, String albumId) throws Exception {
        try (PreparedStatement query = sql.prepareStatement("SELECT label FROM albums WHERE id = ?")) {
            query.setString(1, albumId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static List<String> labels(Api.Reply profile) {
        List<String> labels = new ArrayList<>();
        profile.json().path("authorized-labels").forEach(l -> labels.add(l.asText()));
        return labels;
    }
}
