package dev.gatehouse.forward;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The one timer per event loop that keeps every upstream attempt's deadline. */
class AttemptDeadlinesTest {
    private static Vertx vertx;
    private static Context loop;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        loop = vertx.getOrCreateContext();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** An entry that records when it was due and answers with what {@code answer} says. */
    private static final class Probe extends AttemptDeadlines.Entry {
        final String name;
        final List<String> log;
        final LongUnaryOperator answer;

        Probe(String name, List<String> log, LongUnaryOperator answer) {
            this.name = name;
            this.log = log;
            this.answer = answer;
        }

        @Override
        long due(long now) {
            log.add(name);
            return answer.applyAsLong(now);
        }
    }

    private static <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(v -> result.complete(action.get()));
        return result.get(5, TimeUnit.SECONDS);
    }

    private static long inMs(long ms) { return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms); }

    @Test
    void anEntryIsDueAtItsDeadlineAndNotBefore() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        long joined = System.nanoTime();
        CompletableFuture<Long> dueAt = new CompletableFuture<>();
        AttemptDeadlines.Entry[] self = new AttemptDeadlines.Entry[1];
        onLoop(() -> {
            AttemptDeadlines d = AttemptDeadlines.current();
            self[0] = new Probe("a", log, now -> {
                dueAt.complete(now);
                d.leave(self[0]); // as an attempt that times out
                return now;
            });
            d.join(vertx, self[0], inMs(150));
            return null;
        });
        long at = dueAt.get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(at - joined)).isGreaterThanOrEqualTo(150);
        Thread.sleep(100);
        assertThat(log).containsExactly("a");
    }

    @Test
    void anEntryThatLeftIsNeverDue() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        List<String> later = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> witness = new CompletableFuture<>();
        onLoop(() -> {
            AttemptDeadlines d = AttemptDeadlines.current();
            Probe gone = new Probe("gone", log, now -> now);
            d.join(vertx, gone, inMs(50));
            d.leave(gone);
            AttemptDeadlines.Entry[] w = new AttemptDeadlines.Entry[1];
            w[0] = new Probe("witness", later, now -> {
                d.leave(w[0]);
                witness.complete(null);
                return now;
            });
            d.join(vertx, w[0], inMs(120));
            return null;
        });
        witness.get(5, TimeUnit.SECONDS);
        assertThat(log).isEmpty();
        assertThat(later).containsExactly("witness");
    }

    @Test
    void anEarlierEntryMovesTheTimerForwardAndALaterDeadlineIsKept() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> quickDone = new CompletableFuture<>();
        CompletableFuture<Void> extendedDone = new CompletableFuture<>();
        long joined = System.nanoTime();
        long[] quickAt = new long[1];
        onLoop(() -> {
            AttemptDeadlines d = AttemptDeadlines.current();
            // a long deadline first (the timer is set for it), then shorter ones: the short one must not wait for the long one
            d.join(vertx, new Probe("long", log, now -> now + TimeUnit.SECONDS.toNanos(60)), inMs(60_000));
            // due first at 100 ms, then asks for 200 ms more (as an idle stream that saw a chunk)
            AttemptDeadlines.Entry[] ext = new AttemptDeadlines.Entry[1];
            int[] calls = {0};
            ext[0] = new Probe("extended", log, now -> {
                if (calls[0]++ == 0) return now + TimeUnit.MILLISECONDS.toNanos(200);
                d.leave(ext[0]);
                extendedDone.complete(null);
                return now;
            });
            d.join(vertx, ext[0], inMs(100));
            AttemptDeadlines.Entry[] quick = new AttemptDeadlines.Entry[1];
            quick[0] = new Probe("quick", log, now -> {
                quickAt[0] = now;
                d.leave(quick[0]);
                quickDone.complete(null);
                return now;
            });
            d.join(vertx, quick[0], inMs(30));
            return null;
        });
        quickDone.get(5, TimeUnit.SECONDS);
        extendedDone.get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(quickAt[0] - joined)).isBetween(30L, 1_000L);
        assertThat(log).containsSubsequence("quick", "extended", "extended");
        assertThat(log).doesNotContain("long");
    }

    @Test
    void anEntryThatStartsAnotherWhileDueIsWatchedToo() throws Exception {
        // a timed-out attempt fails over to the next deployment from inside the sweep
        CompletableFuture<Void> secondDue = new CompletableFuture<>();
        List<String> log = new CopyOnWriteArrayList<>();
        onLoop(() -> {
            AttemptDeadlines d = AttemptDeadlines.current();
            AttemptDeadlines.Entry[] second = {new Probe("second", log, now -> {
                secondDue.complete(null);
                return now + TimeUnit.SECONDS.toNanos(60);
            })};
            AttemptDeadlines.Entry[] first = new AttemptDeadlines.Entry[1];
            first[0] = new Probe("first", log, now -> {
                d.leave(first[0]);
                d.join(vertx, second[0], inMs(50));
                return now;
            });
            d.join(vertx, first[0], inMs(40));
            d.join(vertx, new Probe("bystander", log, now -> now + TimeUnit.SECONDS.toNanos(60)), inMs(60_000));
            return null;
        });
        secondDue.get(5, TimeUnit.SECONDS);
        assertThat(log).containsExactly("first", "second");
    }
}
