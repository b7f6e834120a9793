package dev.gatehouse.forward;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/**
 * The deadlines of the upstream attempts running on one event loop, kept by one timer for all of
 * them instead of a Vert.x timer set and cancelled for every attempt (which costs a hash-map entry
 * and a scheduled task each time, some 3 % of the core on the routing path).
 * <p>Attempts join a list when they start and leave it when they end, both in constant time and
 * without allocation. The one timer fires at the earliest deadline of any attempt on the list;
 * there each attempt either times out or says when it is next due (its idle deadline moves with
 * every chunk), and the timer is set again for the earliest of those. A request's attempts take
 * about as long to time out as each other, so a new attempt's deadline is nearly always later
 * than the timer's and costs no timer work at all; one that is earlier moves the timer forward.
 * <p>Everything here runs on the event loop that owns the list: no locks.
 */
final class AttemptDeadlines {

    /** An attempt as the list sees it. */
    abstract static class Entry {
        private Entry prev;
        private Entry next;
        private boolean listed;
        /** When this entry is next due, as it last said (nanoTime). */
        private long deadline;

        /**
         * Called at or after this entry's deadline: time the attempt out (and {@link #leave} the
         * list), or return the new deadline in {@link System#nanoTime()} terms.
         */
        abstract long due(long now);
    }

    private static final long MIN_SWEEP_INTERVAL_MS = 10;
    private static final long MIN_SWEEP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(MIN_SWEEP_INTERVAL_MS);

    private static final FastThreadLocal<AttemptDeadlines> PER_EVENT_LOOP = new FastThreadLocal<>() {
        @Override
        protected AttemptDeadlines initialValue() { return new AttemptDeadlines(); }
    };

    private Entry head;
    private Vertx timerOwner;
    private long timerId = -1;
    /** When the timer fires, in nanoTime terms; meaningful only while {@code timerId >= 0}. */
    private long timerAt;

    private AttemptDeadlines() {
    }

    /** The list of the calling event loop. */
    static AttemptDeadlines current() {
        assert Context.isOnEventLoopThread() : "upstream attempts run on an event loop";
        return PER_EVENT_LOOP.get();
    }

    /** Watches {@code entry} until it leaves; its first deadline is {@code deadline} (nanoTime). */
    void join(Vertx vertx, Entry entry, long deadline) {
        if (entry.listed) return;
        entry.listed = true;
        entry.deadline = deadline;
        entry.prev = null;
        entry.next = head;
        if (head != null) head.prev = entry;
        head = entry;
        if (timerId < 0 || deadline - timerAt < 0) arm(vertx, deadline, System.nanoTime());
    }

    /** Stops watching {@code entry}; harmless if it was never listed or has left already. */
    void leave(Entry entry) {
        if (!entry.listed) return;
        entry.listed = false;
        if (entry.prev != null) entry.prev.next = entry.next;
        else head = entry.next;
        if (entry.next != null) entry.next.prev = entry.prev;
        // entry.next stays as it was: a sweep standing on this entry goes on from there (the
        // entries after it are still listed or, if they left too, lead on the same way).
        // The timer stays: with the list empty it finds nothing and stops; cancelling it on every
        // last leave would cost what this class saves.
    }

    private void arm(Vertx vertx, long deadline, long now) {
        if (timerId >= 0) timerOwner.cancelTimer(timerId);
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now + 999_999));
        timerOwner = vertx;
        timerAt = now + TimeUnit.MILLISECONDS.toNanos(delayMs);
        timerId = vertx.setTimer(delayMs, id -> sweep());
    }

    private void sweep() {
        timerId = -1;
        long now = System.nanoTime();
        boolean any = false;
        long earliest = 0;
        // due() may end attempts and so start others (a failover): those join at the head, behind
        // this walk, and arm the timer for themselves; the walk only needs the entries it meets.
        for (Entry e = head; e != null; e = e.next) {
            if (!e.listed) continue;
            if (now - e.deadline >= 0) e.deadline = e.due(now);
            if (e.listed && (!any || e.deadline - earliest < 0)) {
                earliest = e.deadline;
                any = true;
            }
        }
        // Many streams each idle since a different moment would otherwise bring a sweep every
        // millisecond; deadlines are kept to within MIN_SWEEP_INTERVAL_MS instead.
        if (any) earliest = Math.max(earliest - now, MIN_SWEEP_INTERVAL_NANOS) + now;
        if (any && (timerId < 0 || earliest - timerAt < 0)) arm(timerOwner, earliest, now);
    }
}
