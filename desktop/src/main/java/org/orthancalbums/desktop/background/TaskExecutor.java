package org.orthancalbums.desktop.background;

import java.util.function.Consumer;

/**
 * Runs background work off the JavaFX thread and reports back on it. Models depend on this seam
 * (as JabRef's TaskExecutor) so that tests can run them synchronously without the FX toolkit.
 */
public interface TaskExecutor {

    /** Work to do in the background: return a result or throw; the executor calls back on the UI thread. */
    @FunctionalInterface
    interface Work<T> {
        T call() throws Exception;
    }

    <T> void execute(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs a small update on the UI thread, from any thread (progress reported by a service's worker). */
    void onUi(Runnable update);
}
