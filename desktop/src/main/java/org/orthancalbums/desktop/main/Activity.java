package org.orthancalbums.desktop.main;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.orthancalbums.desktop.background.TaskExecutor;
import org.orthancalbums.desktop.remote.Problems;

/**
 * What the app is doing in the background, for the status bar: a busy count, the last problem as a
 * sentence with a way to retry, and whether the session ended (then the window asks to log in again
 * and the user's place is kept).
 */
public final class Activity {
    private final TaskExecutor executor;
    private final IntegerProperty running = new SimpleIntegerProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final BooleanProperty sessionExpired = new SimpleBooleanProperty();
    private Runnable retry;

    public Activity(TaskExecutor executor) {
        this.executor = executor;
        busy.bind(running.greaterThan(0));
    }

    /** Runs {@code work} in the background under a name a person understands, e.g. "Loading your albums". */
    public <T> void run(String what, TaskExecutor.Work<T> work, Consumer<T> onSuccess, Runnable retryWith) {
        running.set(running.get() + 1);
        status.set(what + "…");
        executor.execute(work, result -> {
            finished();
            problem.set("");
            onSuccess.accept(result);
        }, error -> {
            finished();
            retry = retryWith;
            sessionExpired.set(Problems.isSessionExpired(error));
            problem.set(Problems.describe(what, error)); // task.failed says "… failed: …" in each language
        });
    }

    private void finished() {
        running.set(running.get() - 1);
        if (running.get() == 0) {
            status.set("");
        }
    }

    /** Says in the status bar what just happened ("3D Slicer is starting…"), until the next piece of work. */
    public void inform(String sentence) {
        status.set(sentence);
    }

    public void retry() {
        Runnable again = retry;
        retry = null;
        problem.set("");
        sessionExpired.set(false);
        if (again != null) {
            again.run();
        }
    }

    public void dismiss() {
        retry = null;
        problem.set("");
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public BooleanProperty sessionExpiredProperty() {
        return sessionExpired;
    }
}
