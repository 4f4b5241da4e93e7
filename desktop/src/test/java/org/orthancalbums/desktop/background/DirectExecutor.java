package org.orthancalbums.desktop.background;

import java.util.function.Consumer;

/** Runs work at once on the calling thread: models under test need no FX toolkit. */
public final class DirectExecutor implements TaskExecutor {
    @Override
    public <T> void execute(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUi(Runnable update) {
        update.run();
    }
}
