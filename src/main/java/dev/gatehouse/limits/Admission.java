package dev.gatehouse.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one request took from the limiter, so that exactly what was taken is given back: on
 * refusal (rolled back at once) or on completion (tokens settled, slots released). Once only.
 */
final class Admission {
    /** The request attribute under which the stage keeps it. */
    static final String ATTRIBUTE = "limits.admission";

    private final List<Taken> requests = new ArrayList<>(3);
    private final List<TokenReservation> tokens = new ArrayList<>(3);
    private final List<String> slots = new ArrayList<>(3);
    private final AtomicBoolean done = new AtomicBoolean();

    private record Taken(String scopeKey, long limit) {}

    void tookRequest(String scopeKey, long limit) { requests.add(new Taken(scopeKey, limit)); }

    void reserved(TokenReservation r) { tokens.add(r); }

    void tookSlot(String scopeKey) { slots.add(scopeKey); }

    /** The request did not go ahead: give everything back as if it never came. */
    void rollBack(Limiter limiter) {
        if (!done.compareAndSet(false, true)) return;
        for (Taken t : requests) limiter.refundRequest(t.scopeKey, t.limit);
        for (TokenReservation r : tokens) limiter.settleTokens(r, 0);
        for (String s : slots) limiter.releaseConcurrent(s);
    }

    /** The request ended: charge the real tokens and free the slots. Returns the token counters' states. */
    List<Quota> settle(Limiter limiter, long actualTokens) {
        if (!done.compareAndSet(false, true)) return List.of();
        List<Quota> after = new ArrayList<>(tokens.size());
        for (TokenReservation r : tokens) after.add(limiter.settleTokens(r, actualTokens));
        for (String s : slots) limiter.releaseConcurrent(s);
        return after;
    }
}
