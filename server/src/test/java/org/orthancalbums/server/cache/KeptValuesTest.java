package org.orthancalbums.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeptValuesTest {
    private final KeptValues<String, String> kept = new KeptValues<>(1_000, 100);
    private final AtomicInteger made = new AtomicInteger();

    private String make(String value) {
        made.incrementAndGet();
        return value;
    }

    @Test
    void aValueIsKeptWhileItsVersionStandsAndItIsYoung() {
        assertThat(kept.get("alice", 1L, 0, () -> make("first"))).isEqualTo("first");
        assertThat(kept.get("alice", 1L, 999, () -> make("second"))).isEqualTo("first");
        assertThat(made).hasValue(1);
        assertThat(kept.get("alice", 2L, 999, () -> make("after a change"))).as("a new version is made at once").isEqualTo("after a change");
        assertThat(kept.get("alice", 2L, 2_000, () -> make("again"))).as("past its age").isEqualTo("again");
    }

    @Test
    void pastItsAgeOneCallerMakesItAgainWhileTheOthersGetTheKeptOne() throws Exception {
        kept.get("alice", 1L, 0, () -> "kept");
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> maker = CompletableFuture.supplyAsync(() -> kept.get("alice", 1L, 2_000, () -> {
            making.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "made again";
        }));
        assertThat(making.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(kept.get("alice", 1L, 2_001, () -> make("a second maker"))).isEqualTo("kept");
        assertThat(made).as("nobody else makes it meanwhile").hasValue(0);
        release.countDown();
        assertThat(maker.get(5, TimeUnit.SECONDS)).isEqualTo("made again");
        assertThat(kept.get("alice", 1L, 2_002, () -> make("unused"))).isEqualTo("made again");
    }

    @Test
    void aValueGoneIsForgottenAndAFailedMakeLetsTheNextCallerTry() {
        kept.get("token", 1L, 0, () -> "live");
        assertThat(kept.get("token", 1L, 1_500, () -> null)).as("revoked beside the server").isNull();
        assertThat(kept.get("token", 1L, 1_501, () -> make(null))).as("not answered from the old value").isNull();
        assertThat(made).hasValue(1);

        kept.get("bob", 1L, 0, () -> "kept");
        assertThatThrownBy(() -> kept.get("bob", 1L, 1_500, () -> {
            throw new IllegalStateException("database gone");
        })).hasMessage("database gone");
        assertThat(kept.get("bob", 1L, 1_501, () -> make("made after the failure"))).isEqualTo("made after the failure");
    }
}
