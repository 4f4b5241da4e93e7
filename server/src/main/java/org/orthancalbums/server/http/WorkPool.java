package org.orthancalbums.server.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the requests that wait on something else run: on Orthanc, on Keycloak's admin API, on a client sending an
 * upload. Jetty keeps one request thread per core (see AlbumsServer), and they answer Orthanc's authorization
 * plugin from memory and the database; a slow Orthanc or a long upload holding one of them would hold up every
 * user's next click in Orthanc. Up to {@value #MAX_THREADS} threads, as Jetty's pool had before, created when needed
 * and let go after a minute idle; beyond that, requests wait their turn.
 */
public final class WorkPool implements AutoCloseable {
    static final int MAX_THREADS = 250;

    private final ThreadPoolExecutor executor;

    public WorkPool() {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "work-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** {@code handler}, run on this pool: Javalin answers when it returns and maps what it throws as for any route. */
    public Handler run(Handler handler) {
        return ctx -> ctx.async(task -> task.executor = executor, () -> handler.handle(ctx));
    }

    /** Routes registered on {@code app} whose handlers run on this pool. */
    public Routes routes(Javalin app) {
        return new Routes(app);
    }

    public final class Routes {
        private final Javalin app;

        private Routes(Javalin app) {
            this.app = app;
        }

        public void get(String path, Handler handler) {
            app.get(path, run(handler));
        }

        public void post(String path, Handler handler) {
            app.post(path, run(handler));
        }

        public void put(String path, Handler handler) {
            app.put(path, run(handler));
        }

        public void patch(String path, Handler handler) {
            app.patch(path, run(handler));
        }

        public void delete(String path, Handler handler) {
            app.delete(path, run(handler));
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
