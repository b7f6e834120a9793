package dev.gatehouse.metering;

import dev.gatehouse.limits.Spend;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Writes every request's usage record to the {@link Journal}, once.
 * <ul>
 * <li>{@link #beforeFinish}: a response is about to end; its record is appended and the gateway
 * holds the response's last bytes until the journal has written it. So a client never sees a
 * complete response whose usage could be lost by a crash.</li>
 * <li>{@link #onComplete}: requests that ended without {@code beforeFinish} (refused, failed
 * before any answer) are recorded without delaying anything. Requests without an authenticated
 * caller are not recorded: nobody can be billed for them, and recording them would let anyone
 * fill the ledger.</li>
 * </ul>
 * If the journal cannot write (disk full, I/O error), the response still goes out: serving the
 * customer wins over billing them. The failure is logged once per burst of failures (and again
 * when writing works again), and such a request is not billed.
 */
public final class MeteringStage implements GatewayStage {
    private static final Logger log = LoggerFactory.getLogger(MeteringStage.class);
    /** Set on a request once its record went to the journal. */
    static final String RECORDED = "metering.recorded";

    private final Journal journal;
    private final PriceBook prices;
    private final Function<String, String> regionOf;
    private final AtomicBoolean failing = new AtomicBoolean();

    /** Records without a processing region (no request policy to say where providers are). */
    public MeteringStage(Journal journal, PriceBook prices) {
        this(journal, prices, provider -> null);
    }

    /** {@code regionOf}: a provider's processing region (from the request policy in force), kept in each record. */
    public MeteringStage(Journal journal, PriceBook prices, Function<String, String> regionOf) {
        this.journal = journal;
        this.prices = prices;
        this.regionOf = regionOf;
    }

    /** This stage never touches the body. */
    @Override
    public boolean editsBodyInPlace() { return false; }

    @Override
    public Future<Void> beforeFinish(RequestContext ctx) {
        Future<Void> written = record(ctx);
        return written == null ? Future.succeededFuture() : written.recover(e -> Future.succeededFuture());
    }

    @Override
    public void onComplete(RequestContext ctx) {
        record(ctx);
    }

    /** Appends the request's record unless it already was or has no caller; null when nothing was appended. */
    private Future<Void> record(RequestContext ctx) {
        if (ctx.attribute(RECORDED) != null || ctx.caller() == null) return null;
        ctx.attribute(RECORDED, Boolean.TRUE);
        Future<Void> written;
        try {
            UsageRecord record = UsageRecord.of(ctx, prices, regionOf);
            // the limits stage adds this to budgets and prepaid credit when the request completes
            ctx.attribute(Spend.ATTRIBUTE, new Spend(record.costUsdNanos(), record.costCnyNanos()));
            written = journal.append(record);
        } catch (RuntimeException e) {
            written = Future.failedFuture(e);
        }
        return written.onComplete(ar -> {
            if (ar.succeeded()) {
                if (failing.compareAndSet(true, false)) log.info("usage journal writes work again");
            } else if (failing.compareAndSet(false, true)) {
                log.error("cannot write usage records to the journal; responses go out unbilled until it works again: {}",
                        ar.cause().toString());
            }
        });
    }
}
