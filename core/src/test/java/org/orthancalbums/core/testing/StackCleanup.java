package org.orthancalbums.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.orthancalbums.core.api.Json;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Deletes, once a module's tests have run on the local stack, the albums created while they ran (with the studies
 * uploaded into them), so that the demo users find their lists as they left them: integration tests share the stack
 * with {@code ./albums demo}, and each run left some 120 albums, most of them in alice's list. Registered for every
 * module's tests through {@code META-INF/services}; acts only when {@code ./albums test} or {@code test-package} asks
 * ({@code ALBUMS_TEST_CLEANUP=1}), whose modules run one after the other: a test run by hand, or beside another,
 * deletes nothing. Albums made in the demo while {@code ./albums test} runs go too.
 */
public final class StackCleanup implements TestExecutionListener {
    /** A hung stack must not hold the test JVM forever. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private Instant started;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        started = Instant.now();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (started == null || !"1".equals(System.getenv("ALBUMS_TEST_CLEANUP"))) {
            return;
        }
        try {
            Outcome outcome = deleteAlbumsCreatedSince(started);
            if (outcome.deleted() > 0) {
                System.out.println("[stack cleanup] deleted the " + outcome.deleted() + " albums these tests created in the local stack");
            }
            if (outcome.refused() > 0) {
                System.err.println("[stack cleanup] albums-server refused to delete " + outcome.refused() + " albums these tests created");
            }
        } catch (RuntimeException | java.io.IOException e) {
            // the tests have run and say what they say; leftovers only clutter the demo
            System.err.println("[stack cleanup] could not delete the albums these tests created: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Outcome(int deleted, int refused) {
    }

    private static Outcome deleteAlbumsCreatedSince(Instant since) throws java.io.IOException, InterruptedException {
        String admin = "Bearer " + Stack.accessToken("admin");
        HttpResponse<String> list = Stack.http().send(HttpRequest.newBuilder(URI.create(Stack.albumsUrl() + "/api/albums?all=true"))
                .header("Authorization", admin).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() != 200) {
            throw new IllegalStateException("the album list answered HTTP " + list.statusCode());
        }
        int deleted = 0;
        int refused = 0;
        for (JsonNode album : Json.lenientMapper().readTree(list.body())) {
            if (Instant.parse(album.path("createdAt").asText()).isBefore(since)) {
                continue;
            }
            HttpResponse<String> answer = Stack.http().send(HttpRequest.newBuilder(
                            URI.create(Stack.albumsUrl() + "/api/albums/" + album.path("id").asText() + "?deleteStudies=true"))
                    .header("Authorization", admin).timeout(TIMEOUT).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                deleted++;
            } else {
                refused++;
            }
        }
        return new Outcome(deleted, refused);
    }
}
