package dev.gatehouse.policy;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.audit.AuditSink;
import dev.gatehouse.limits.Limiter;
import dev.gatehouse.limits.Quota;
import dev.gatehouse.limits.TokenReservation;
import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.policy.facts.CustomerFacts;
import dev.gatehouse.policy.facts.CustomerFactsDirectory;
import dev.gatehouse.policy.pii.Finding;
import dev.gatehouse.policy.pii.PiiKind;
import dev.gatehouse.policy.pii.PromptRedaction;
import dev.gatehouse.policy.pii.ResponseScan;
import dev.gatehouse.policy.pii.PromptScan;
import dev.gatehouse.policy.pii.TransferRecorder;
import dev.gatehouse.policy.regions.ProviderRegion;
import dev.gatehouse.routing.Deployment;
import dev.gatehouse.store.Blocking;
import io.vertx.core.Future;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Decides every request by the policy in force before anything goes upstream: refuses it (403
 * with the rule's code), narrows its deployments, redacts personal data, holds it to a rule's
 * quota. Afterwards it records what crossed the border and, when configured, the decision.
 */
public final class PolicyStage implements GatewayStage {
    static final String OUTCOME = "policy.outcome";

    private final Supplier<Policy> policy;
    private final CustomerFactsDirectory customers;
    private final Blocking blocking;
    private final Limiter limiter;
    private final AuditSink audit;
    private final TransferRecorder transfers;
    private final boolean logDecisions;

    public PolicyStage(Supplier<Policy> policy, CustomerFactsDirectory customers, Blocking blocking, Limiter limiter,
                       AuditSink audit, TransferRecorder transfers, boolean logDecisions) {
        this.policy = policy;
        this.customers = customers;
        this.blocking = blocking;
        this.limiter = limiter;
        this.audit = audit;
        this.transfers = transfers;
        this.logDecisions = logDecisions;
    }

    /** What the stage keeps of a request between its moments. */
    private record Outcome(Policy policy, RequestFacts facts, Decision decision, List<Finding> redacted,
                           List<TokenReservation> reservations) {}

    /** This stage scans the body; redaction changes it only through RequestContext.rewritableBody() (PromptRedaction). */
    @Override
    public boolean editsBodyInPlace() { return false; }

    @Override
    public Future<Void> beforeForward(RequestContext ctx) {
        Caller caller = ctx.caller();
        String customerId = caller != null ? caller.customerId() : null;
        if (customerId == null) return decide(ctx, null);
        CustomerFacts known = customers.get(customerId);
        if (known != null) return decide(ctx, known);
        // a customer created a moment ago on another instance: read it once rather than guess its facts
        return blocking.run(() -> customers.load(customerId).orElse(null)).compose(f -> decide(ctx, f));
    }

    private Future<Void> decide(RequestContext ctx, CustomerFacts customer) {
        Policy p = policy.get();
        Caller caller = ctx.caller();
        InetAddress ip = p.clientAddress().clientOf(ctx.http());
        RequestFacts facts = new RequestFacts(customer, caller == null || caller.customerId() == null, p.homeRegion(),
                caller != null ? caller.keyId() : null, caller != null ? caller.projectId() : null,
                ip, ip != null ? p.geo().country(ip) : null, ctx.route().name(),
                () -> PromptScan.scan(ctx.operation(), ctx.body(), p.redactor()));
        Decision d = PolicyEngine.decide(p, facts, p.candidates(ctx.candidates()), false);
        if (!d.allowed()) {
            audit.submit(entry(AuditCategory.POLICY_DENIAL, d.code(), ctx, facts, d, List.of(), null));
            return Future.failedFuture(new GatewayException(ErrorCode.POLICY_DENIED, d.message(), null, null, d.code(), null));
        }
        List<Deployment> before = ctx.candidates();
        if (d.remaining().size() != before.size()) {
            for (Decision.Exclusion e : d.excluded()) ctx.exclude(e.candidate().deployment(), e.rule().id());
        }
        List<TokenReservation> reservations = List.of();
        if (!d.quotas().isEmpty()) {
            reservations = new ArrayList<>(d.quotas().size());
            GatewayException over = takeQuotas(d, facts, reservations);
            if (over != null) return Future.failedFuture(over);
        }
        if (p.personalData().scanResponses()) {
            // before redaction's restoring filter, so it counts what the provider wrote, not the client's own values
            ResponseScan.attach(ctx, p.redactor());
        }
        List<Finding> redacted = List.of();
        if (!d.redact().isEmpty()) {
            redacted = PromptRedaction.apply(ctx, p.redactor(), d.redact(), p.personalData().restoreResponses()).findings();
        }
        ctx.attribute(OUTCOME, new Outcome(p, facts, d, redacted, reservations));
        return Future.succeededFuture();
    }

    /** Takes a request from each quota and checks its token counter; the refusal names the rule. */
    private GatewayException takeQuotas(Decision d, RequestFacts facts, List<TokenReservation> reservations) {
        String subject = facts.customerId() != null ? facts.customerId() : facts.keyId();
        for (Decision.RuleQuota q : d.quotas()) {
            String scope = "policy:" + q.rule().id() + ":" + subject;
            long rpm = q.quota().requestsPerMinute();
            long tpm = q.quota().tokensPerMinute();
            if (rpm != Action.Quota.UNLIMITED) {
                Quota requests = limiter.tryAcquireRequest(scope, rpm);
                if (!requests.granted()) return quotaRefusal(q, "requests", rpm, requests);
            }
            if (tpm != Action.Quota.UNLIMITED) {
                // the real count is charged when the request completes; a negative counter refuses until refilled
                TokenReservation r = limiter.reserveTokens(scope, 1, tpm);
                if (!r.granted()) {
                    if (rpm != Action.Quota.UNLIMITED) limiter.refundRequest(scope, rpm);
                    return quotaRefusal(q, "tokens", tpm, r.quota());
                }
                reservations.add(r);
            }
        }
        return null;
    }

    private static GatewayException quotaRefusal(Decision.RuleQuota q, String what, long limit, Quota state) {
        String desc = q.rule().description() != null ? q.rule().description() + " " : "";
        return new GatewayException(ErrorCode.POLICY_QUOTA, desc + "The quota of policy rule '" + q.rule().id() + "' is "
                + limit + " " + what + " per minute, and it is used up.", null, state.retryAfter(), q.rule().code(), null);
    }

    @Override
    public void onComplete(RequestContext ctx) {
        if (!(ctx.attribute(OUTCOME) instanceof Outcome o)) return;
        long tokens = ctx.usage() != null ? ctx.usage().totalTokens() : 0;
        for (TokenReservation r : o.reservations()) limiter.settleTokens(r, tokens);
        Deployment served = ctx.servedBy();
        List<Finding> sent = List.of();
        if (served != null && o.facts().scanned() && !o.facts().personalData().isEmpty()) {
            ProviderRegion region = o.policy().region(served.provider().name());
            if (!region.inMainlandChina()) {
                sent = new ArrayList<>(o.facts().personalData());
                sent.removeIf(f -> o.decision().redact().contains(f.kind()));
                if (!sent.isEmpty()) {
                    transfers.record(ctx.requestId(), o.facts().customerId(), served.provider().name(),
                            region.processingRegion(), sent);
                }
            }
        }
        if (logDecisions || o.decision().logContent()) {
            audit.submit(entry(AuditCategory.REQUEST_DECISION, "allow", ctx, o.facts(), o.decision(), o.redacted(),
                    o.decision().logContent() ? ctx.body() : null));
        }
    }

    /** What the response scan counted, by kind's wire name; null when answers are not scanned. */
    private static Map<String, Integer> responseCounts(RequestContext ctx) {
        if (!(ctx.attribute(ResponseScan.ATTRIBUTE) instanceof Map<?, ?> counts)) return null;
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(((PiiKind) k).wire(), (Integer) v));
        return out;
    }

    private static AuditEntry entry(AuditCategory category, String action, RequestContext ctx, RequestFacts f, Decision d,
                                    List<Finding> redacted, Object content) {
        List<String> kinds = new ArrayList<>(2);
        for (Finding x : redacted) {
            String k = x.kind().wire();
            if (!kinds.contains(k)) kinds.add(k);
        }
        List<String> narrowed = new ArrayList<>(d.excluded().size());
        for (Decision.Exclusion e : d.excluded()) narrowed.add(e.rule().id() + ":" + e.candidate().label());
        DecisionRecord r = new DecisionRecord(ctx.requestId(), d.code(), d.deniedBy() != null ? d.deniedBy().id() : null,
                ctx.route().name(), f.keyId(), f.customerId(), f.customerCountry(), f.clientIp(), f.clientCountry(),
                narrowed, kinds, d.allowed() ? null : d.message(),
                ctx.servedBy() != null ? ctx.servedBy().label() : null, ctx.status(), content != null ? content.toString() : null,
                responseCounts(ctx));
        String actor = f.keyId() != null ? "key:" + f.keyId() : "anonymous";
        return new AuditEntry(category, actor, action, f.customerId() != null ? f.customerId() : f.keyId(), null, r.toJson());
    }
}
