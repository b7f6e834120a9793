package dev.gatehouse.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs blocking work (JDBC, file I/O) on virtual threads and completes on the caller's Vert.x
 * context, so event loops never wait on the store.
 */
public final class Blocking implements AutoCloseable {
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("gatehouse-blocking-", 0).factory());

    public <T> Future<T> run(Callable<T> work) {
        Context context = Vertx.currentContext();
        Promise<T> promise = Promise.promise();
        executor.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable t) {
                if (context != null) context.runOnContext(v -> promise.fail(t));
                else promise.fail(t);
                return;
            }
            if (context != null) context.runOnContext(v -> promise.complete(result));
            else promise.complete(result);
        });
        return promise.future();
    }

    @Override
    public void close() { executor.shutdown(); }
}
