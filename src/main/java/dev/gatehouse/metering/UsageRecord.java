package dev.gatehouse.metering;

import dev.gatehouse.api.Usage;
import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.routing.Deployment;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * One line of the usage ledger: what one request was, who made it and what it cost.
 *
 * @param time           when the request arrived (UTC); the price effective then applies
 * @param requestId      the gateway's request id, the ledger's primary key
 * @param customerId     null for keys from the config file
 * @param route          the model name the client asked for; null when no route was found
 * @param provider       the config name of the provider that served it; null if none did
 * @param region         where the deployment processes prompts (ISO country, as the request policy's provider
 *                       regions say; {@code unknown} when they cannot place it, null when nothing served)
 * @param errorCode      the stable error code of a failed request, else null
 * @param inputTokens    prompt tokens, cached ones included
 * @param cachedTokens   the part of {@code inputTokens} served from the provider's prompt cache
 * @param tokensReported true when the provider reported the counts, false when estimated
 * @param costUsdNanos   the cost in 1e-9 USD (converted when the price is in CNY)
 * @param costCnyNanos   the cost in 1e-9 CNY (converted when the price is in USD)
 * @param priceId        the price that was applied; null when no price was known (cost is then 0)
 * @param latencyMs      arrival to completion
 * @param ttfbMs         arrival to the first byte sent to the client; null when none was sent
 */
public record UsageRecord(Instant time, String requestId, String customerId, String projectId, String keyId,
                          String route, String provider, String upstreamModel, String region,
                          int status, String errorCode,
                          long inputTokens, long outputTokens, long cachedTokens, boolean tokensReported,
                          long costUsdNanos, long costCnyNanos, String priceId,
                          int latencyMs, Integer ttfbMs) {

    public UsageRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** Whether a price was found for this record (an unpriced record costs 0 and needs a look). */
    public boolean priced() { return priceId != null; }

    /**
     * The record of a request at this moment of its life: its usage, status and timings so far.
     * {@code regionOf} names the processing region of a provider (by its configured name).
     */
    public static UsageRecord of(RequestContext ctx, PriceBook prices, Function<String, String> regionOf) {
        long nowNanos = System.nanoTime();
        long elapsedNanos = Math.max(0, nowNanos - ctx.startNanos());
        Instant arrival = Instant.now().minusNanos(elapsedNanos);
        Caller caller = ctx.caller();
        Deployment d = ctx.servedBy();
        String provider = d != null ? d.provider().name() : null;
        String upstreamModel = d != null ? d.upstreamModel() : null;
        Usage u = ctx.usage();
        long input = u != null ? u.promptTokens() : 0;
        long output = u != null ? u.completionTokens() : 0;
        long cached = u != null ? Math.min(u.cachedTokens(), input) : 0;
        Cost cost = provider != null && u != null
                ? prices.cost(provider, upstreamModel, arrival, input, cached, output)
                : Cost.NONE;
        int latencyMs = (int) Math.min(Integer.MAX_VALUE, elapsedNanos / 1_000_000);
        Integer ttfbMs;
        if (ctx.firstByteNanos() > 0) ttfbMs = (int) Math.min(Integer.MAX_VALUE, ctx.firstByteNanos() / 1_000_000);
        // A plain answer is written in one go right after this moment: its first byte is its latency.
        else ttfbMs = ctx.error() == null && ctx.status() > 0 && ctx.status() < 400 ? latencyMs : null;
        return new UsageRecord(arrival, ctx.requestId(),
                caller != null ? caller.customerId() : null,
                caller != null ? caller.projectId() : null,
                caller != null ? caller.keyId() : null,
                ctx.route() != null ? ctx.route().name() : null,
                provider, upstreamModel, provider != null ? regionOf.apply(provider) : null,
                ctx.status(), ctx.error() != null ? ctx.error().wireCode() : null,
                input, output, cached, u != null && u.reported(),
                cost.usdNanos(), cost.cnyNanos(), cost.priceId(),
                latencyMs, ttfbMs);
    }
}
