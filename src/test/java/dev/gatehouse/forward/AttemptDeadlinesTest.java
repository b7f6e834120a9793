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
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

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

    /** An entry that logs each time it is due and answers as {@code answer} says; {@code firstDue} completes with the first time. */
    private static final class Probe extends AttemptDeadlines.Entry {
        final String name;
        final List<String> log;
        final CompletableFuture<Long> firstDue = new CompletableFuture<>();
        LongUnaryOperator answer;

        Probe(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        long due(long now) {
            log.add(name);
            firstDue.complete(now);
            return answer.applyAsLong(now);
        }
    }

    /** Times out when first due, as an attempt does: it leaves the list. */
    private static Probe timingOut(String name, List<String> log, AttemptDeadlines d) {
        Probe p = new Probe(name, log);
        p.answer = now -> {
            d.leave(p);
            return now;
        };
        return p;
    }

    /** Never times out: each time it is due it asks for {@code moreMs} more. */
    private static Probe extending(String name, List<String> log, long moreMs) {
        Probe p = new Probe(name, log);
        p.answer = now -> now + TimeUnit.MILLISECONDS.toNanos(moreMs);
        return p;
    }

    private static void onLoop(Consumer<AttemptDeadlines> action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            action.accept(AttemptDeadlines.current());
            done.complete(null);
        });
        done.get(5, TimeUnit.SECONDS);
    }

    private static long inMs(long ms) { return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms); }

    private static long msSince(long startNanos, CompletableFuture<Long> at) throws Exception {
        return TimeUnit.NANOSECONDS.toMillis(at.get(5, TimeUnit.SECONDS) - startNanos);
    }

    @Test
    void anEntryIsDueAtItsDeadlineAndNotBefore() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        long joined = System.nanoTime();
        Probe[] a = new Probe[1];
        onLoop(d -> {
            a[0] = timingOut("a", log, d);
            d.join(vertx, a[0], inMs(150));
        });
        assertThat(msSince(joined, a[0].firstDue)).isGreaterThanOrEqualTo(150);
        Thread.sleep(100);
        assertThat(log).containsExactly("a");
    }

    @Test
    void anEntryThatLeftIsNeverDue() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        Probe[] witness = new Probe[1];
        onLoop(d -> {
            Probe gone = timingOut("gone", log, d);
            d.join(vertx, gone, inMs(50));
            d.leave(gone);
            witness[0] = timingOut("witness", log, d);
            d.join(vertx, witness[0], inMs(120));
        });
        witness[0].firstDue.get(5, TimeUnit.SECONDS);
        assertThat(log).containsExactly("witness");
    }

    @Test
    void anEarlierEntryMovesTheTimerForwardAndALaterDeadlineIsKept() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        long joined = System.nanoTime();
        Probe[] quick = new Probe[1];
        Probe[] extended = new Probe[1];
        CompletableFuture<Void> extendedAgain = new CompletableFuture<>();
        onLoop(d -> {
            // a long deadline first (the timer is set for it), then shorter ones: the short one must not wait for the long one
            d.join(vertx, extending("long", log, 60_000), inMs(60_000));
            // due first at 100 ms, then asks for 200 ms more (as an idle stream that saw a chunk), then times out
            extended[0] = new Probe("extended", log);
            int[] calls = {0};
            extended[0].answer = now -> {
                if (++calls[0] == 1) return now + TimeUnit.MILLISECONDS.toNanos(200);
                d.leave(extended[0]);
                extendedAgain.complete(null);
                return now;
            };
            d.join(vertx, extended[0], inMs(100));
            quick[0] = timingOut("quick", log, d);
            d.join(vertx, quick[0], inMs(30));
        });
        assertThat(msSince(joined, quick[0].firstDue)).isBetween(30L, 1_000L);
        extendedAgain.get(5, TimeUnit.SECONDS);
        assertThat(log).containsExactly("quick", "extended", "extended");
    }

    @Test
    void anEntryThatStartsAnotherWhileDueIsWatchedToo() throws Exception {
        // a timed-out attempt fails over to the next deployment from inside the sweep
        List<String> log = new CopyOnWriteArrayList<>();
        Probe second = extending("second", log, 60_000);
        onLoop(d -> {
            Probe first = new Probe("first", log);
            first.answer = now -> {
                d.leave(first);
                d.join(vertx, second, inMs(50));
                return now;
            };
            d.join(vertx, first, inMs(40));
            d.join(vertx, extending("bystander", log, 60_000), inMs(60_000));
        });
        second.firstDue.get(5, TimeUnit.SECONDS);
        assertThat(log).containsExactly("first", "second");
    }
}
