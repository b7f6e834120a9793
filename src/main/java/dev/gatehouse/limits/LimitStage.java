package dev.gatehouse.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Usage;
import dev.gatehouse.metering.TokenCounter;
import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Enforces the limits of the caller's key, project and customer before a request goes upstream:
 * budgets and prepaid credit first (no counter is touched for a request refused for money), then
 * requests per minute, tokens per minute (an estimate is reserved), and a concurrency slot. A
 * refusal gives back whatever it had taken and answers 429 with {@code Retry-After}. On
 * completion it settles tokens with the real usage, frees the slot, adds the cost (the
 * {@link Spend} metering sets as {@link Spend#ATTRIBUTE}) to the budgets and charges credit.
 * Everything it reads lives in memory; nothing here blocks.
 */
public final class LimitStage implements GatewayStage {
    /** Completion tokens assumed for a chat request that sets no {@code max_tokens}. */
    public static final int DEFAULT_COMPLETION_ESTIMATE = 1024;

    private final LimitStore limits;
    private final Limiter limiter;
    private final SpendLedger spend;
    private final CreditBalances credits;
    private final BudgetGuard budgets;
    private final int defaultCompletionTokens;

    /** Per stage, so that two limit stages in one pipeline never settle each other's admissions. */
    private final String admissionKey = Admission.ATTRIBUTE + "@" + Integer.toHexString(System.identityHashCode(this));

    public LimitStage(LimitStore limits, Limiter limiter, SpendLedger spend, CreditBalances credits, AlertSink alerts,
                      int defaultCompletionTokens) {
        this.limits = limits;
        this.limiter = limiter;
        this.spend = spend;
        this.credits = credits;
        this.budgets = new BudgetGuard(spend, alerts);
        this.defaultCompletionTokens = defaultCompletionTokens;
    }

    /** This stage reads the body to estimate tokens, never changes it. */
    @Override
    public boolean editsBodyInPlace() { return false; }

    @Override
    public Future<Void> beforeForward(RequestContext ctx) {
        Caller caller = ctx.caller();
        if (caller == null) return Future.succeededFuture();
        List<Limits> scoped = applicable(caller);
        boolean prepaid = credits.hasAccount(caller.customerId());
        if (scoped.isEmpty() && !prepaid) return Future.succeededFuture();

        for (Limits l : scoped) {
            BudgetGuard.Overrun o = budgets.check(l);
            if (o != null) throw refusal("budget_exceeded", o.scope().describe() + "'s " + o.period().name().toLowerCase(java.util.Locale.ROOT)
                    + " budget (" + money(o.budgetNanos(), o.currency()) + ") is spent", o.untilReset());
        }
        if (prepaid && credits.balance(caller.customerId()).balanceNanos() <= 0) {
            throw refusal("insufficient_quota", "customer " + caller.customerId() + " has no prepaid credit left; top up or redeem a code", null);
        }

        Admission taken = new Admission();
        ctx.attribute(admissionKey, taken);
        HttpServerResponse response = ctx.http().response();
        Tightest requests = new Tightest();
        Tightest tokens = new Tightest();
        try {
            for (Limits l : scoped) {
                if (l.requestsPerMinute() == null) continue;
                Quota q = limiter.tryAcquireRequest(l.scope().counterKey(), l.requestsPerMinute());
                requests.offer(q);
                if (!q.granted()) throw refusal("rate_limit_requests", l.scope().describe() + "'s requests-per-minute limit ("
                        + l.requestsPerMinute() + ") is reached", q.retryAfter());
                taken.tookRequest(l.scope().counterKey(), l.requestsPerMinute());
            }
            long estimate = -1;
            for (Limits l : scoped) {
                if (l.tokensPerMinute() == null) continue;
                if (estimate < 0) estimate = estimate(ctx);
                TokenReservation r = limiter.reserveTokens(l.scope().counterKey(), estimate, l.tokensPerMinute());
                tokens.offer(r.quota());
                if (!r.granted()) throw refusal("rate_limit_tokens", l.scope().describe() + "'s tokens-per-minute limit ("
                        + l.tokensPerMinute() + ") is reached; this request needs about " + estimate + " tokens", r.quota().retryAfter());
                taken.reserved(r);
            }
            for (Limits l : scoped) {
                if (l.concurrentRequests() == null) continue;
                Quota q = limiter.acquireConcurrent(l.scope().counterKey(), l.concurrentRequests());
                if (!q.granted()) throw refusal("concurrency_limit", l.scope().describe() + "'s concurrent-requests limit ("
                        + l.concurrentRequests() + ") is reached", q.retryAfter());
                taken.tookSlot(l.scope().counterKey());
            }
        } catch (GatewayException refused) {
            taken.rollBack(limiter);
            throw refused;
        } finally {
            RateLimitHeaders.put(response, "requests", requests.quota);
            RateLimitHeaders.put(response, "tokens", tokens.quota);
        }
        return Future.succeededFuture();
    }

    @Override
    public void onComplete(RequestContext ctx) {
        if (ctx.attribute(admissionKey) instanceof Admission taken) {
            Usage usage = ctx.usage();
            taken.settle(limiter, usage == null ? 0 : usage.totalTokens());
        }
        Caller caller = ctx.caller();
        if (caller == null || !(ctx.attribute(Spend.ATTRIBUTE) instanceof Spend cost)) return;
        for (ScopeRef scope : scopes(caller)) {
            spend.add(scope, cost);
            budgets.check(limits.find(scope)); // a soft budget crossed by this request alerts now, not on the next one
        }
        credits.charge(caller.customerId(), cost);
    }

    /** The tokens a request may use: its prompt (JTokkit) plus the completion it allows. */
    long estimate(RequestContext ctx) {
        JsonNode body = ctx.body();
        if (body == null) return 0;
        TokenCounter counter = TokenCounter.standard();
        if (ctx.operation() == Operation.EMBEDDINGS) return counter.countInput(body.get("input"));
        JsonNode max = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        long completion = max != null && max.canConvertToLong() && max.asLong() > 0 ? max.asLong() : defaultCompletionTokens;
        long choices = Math.max(1, body.path("n").asLong(1));
        return counter.countMessages(body.get("messages")) + completion * choices;
    }

    private List<Limits> applicable(Caller caller) {
        List<Limits> out = new ArrayList<>(3);
        for (ScopeRef s : scopes(caller)) {
            Limits l = limits.find(s);
            if (l != null) out.add(l);
        }
        return out;
    }

    /** Narrowest first, so the message names the key when several scopes are at their limit. */
    private static List<ScopeRef> scopes(Caller caller) {
        List<ScopeRef> out = new ArrayList<>(3);
        if (caller.keyId() != null) out.add(ScopeRef.key(caller.keyId()));
        if (caller.projectId() != null) out.add(ScopeRef.project(caller.projectId()));
        if (caller.customerId() != null) out.add(ScopeRef.customer(caller.customerId()));
        return out;
    }

    /**
     * 429 for every kind, budgets and credit included: OpenAI answers an exhausted quota with 429
     * {@code insufficient_quota}, and its SDKs and the tools built on them know how to treat 429;
     * a 402 would reach them as an unknown status.
     */
    private static GatewayException refusal(String wireCode, String message, Duration retryAfter) {
        return new GatewayException(ErrorCode.RATE_LIMITED, message, null, retryAfter, wireCode, null);
    }

    /** Nano-units as a plain amount, e.g. {@code 0.5 USD}. */
    static String money(long nanos, Currency currency) {
        return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + " " + currency;
    }

    /** The counter closest to its limit: the one the headers describe. */
    private static final class Tightest {
        Quota quota;

        void offer(Quota q) {
            if (quota == null || !q.granted() || (quota.granted() && q.remaining() < quota.remaining())) quota = q;
        }
    }
}
