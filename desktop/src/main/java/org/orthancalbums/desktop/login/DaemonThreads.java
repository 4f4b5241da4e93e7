package org.orthancalbums.desktop.login;

import java.util.concurrent.Executor;

/** Short-lived background work of a login that must never keep the app from quitting. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Runs each task on a new daemon thread of that name (logins are rare: no pool to manage). */
    static Executor named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * Runs the task on a daemon thread and waits for it: threads the task creates inherit its daemon
     * status, which is the only way to get a daemon HttpServer dispatcher thread.
     */
    static void runAsDaemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
