package org.orthancalbums.desktop.login;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls for what a background thread does. */
final class Await {
    private Await() {
    }

    static boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
