package dev.gatehouse.policy;

import dev.gatehouse.policy.pii.PiiKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Runs a compiled policy's rules, in order, over one request's facts and candidates. Pure: the
 * request path and the explain endpoint both call it; only the latter asks for a trace.
 */
public final class PolicyEngine {
    private PolicyEngine() {}

    public static Decision decide(Policy policy, RequestFacts facts, List<Candidate> candidates, boolean traced) {
        List<TraceStep> trace = traced ? new ArrayList<>() : null;
        List<Candidate> remaining = candidates;
        List<Decision.Exclusion> excluded = List.of();
        Set<PiiKind> redact = Set.of();
        List<Decision.RuleQuota> quotas = List.of();
        boolean logContent = false;
        List<Rule> redactRules = List.of();
        for (Rule rule : policy.rules()) {
            if (!rule.applies(facts)) {
                if (traced) trace.add(new TraceStep(rule.id(), rule.action().wire(), "not_applicable", reason(rule, facts)));
                continue;
            }
            switch (rule.action()) {
                case Action.Deny d -> {
                    if (traced) trace.add(new TraceStep(rule.id(), "deny", "denied", reason(rule, facts)));
                    return new Decision(rule, denial(rule, facts, null), remaining, excluded, redact, quotas, logContent, trace);
                }
                case Action.Exclude e -> {
                    int first = firstMatch(rule, facts, remaining);
                    if (first < 0) { // the usual case: nothing to remove, nothing allocated
                        if (traced) trace.add(new TraceStep(rule.id(), "exclude", "no_effect", reason(rule, facts)));
                        continue;
                    }
                    List<Candidate> kept = new ArrayList<>(remaining.subList(0, first));
                    StringJoiner removed = new StringJoiner(", ");
                    for (int i = first; i < remaining.size(); i++) {
                        Candidate c = remaining.get(i);
                        if (i == first || rule.matches(facts, c)) {
                            if (excluded.isEmpty()) excluded = new ArrayList<>(2);
                            excluded.add(new Decision.Exclusion(rule, c));
                            removed.add(c.label() + " (" + whereReason(rule, facts, c) + ")");
                        } else {
                            kept.add(c);
                        }
                    }
                    remaining = kept;
                    if (traced) trace.add(new TraceStep(rule.id(), "exclude", "excluded", reason(rule, facts) + "; removed " + removed));
                    if (remaining.isEmpty()) {
                        return new Decision(rule, denial(rule, facts, removed.toString()), remaining, excluded,
                                redact, quotas, logContent, trace);
                    }
                }
                case Action.Redact r -> {
                    // judged once every exclusion is known: a later rule may keep the prompt at home instead
                    if (redactRules.isEmpty()) redactRules = new ArrayList<>(1);
                    redactRules.add(rule);
                }
                case Action.Quota q -> {
                    if (quotas.isEmpty()) quotas = new ArrayList<>(1);
                    quotas.add(new Decision.RuleQuota(rule, q));
                    if (traced) {
                        trace.add(new TraceStep(rule.id(), "quota", "quota", reason(rule, facts) + "; at most"
                                + (q.requestsPerMinute() != Action.Quota.UNLIMITED ? " " + q.requestsPerMinute() + " requests" : "")
                                + (q.tokensPerMinute() != Action.Quota.UNLIMITED ? " " + q.tokensPerMinute() + " tokens" : "") + " per minute"));
                    }
                }
                case Action.LogContent l -> {
                    logContent = true;
                    if (traced) trace.add(new TraceStep(rule.id(), "log_content", "log_content", reason(rule, facts)));
                }
            }
        }
        for (Rule rule : redactRules) {
            Set<PiiKind> kinds = redaction(rule, facts, remaining);
            if (!kinds.isEmpty()) {
                if (redact.isEmpty()) redact = EnumSet.noneOf(PiiKind.class);
                redact.addAll(kinds);
            }
            if (traced) {
                trace.add(new TraceStep(rule.id(), "redact", kinds.isEmpty() ? "no_effect" : "redact", reason(rule, facts)
                        + (kinds.isEmpty() ? "; nothing to redact toward the remaining deployments" : "; redacting " + words(kinds))));
            }
        }
        return new Decision(null, null, remaining, excluded, redact, quotas, logContent, trace);
    }

    /** The index of the first candidate {@code rule} acts on, or -1. */
    private static int firstMatch(Rule rule, RequestFacts facts, List<Candidate> candidates) {
        for (int i = 0; i < candidates.size(); i++) if (rule.matches(facts, candidates.get(i))) return i;
        return -1;
    }

    /** The kinds a redact rule removes: those it names that the prompt holds, if any remaining deployment is one it guards. */
    private static Set<PiiKind> redaction(Rule rule, RequestFacts facts, List<Candidate> remaining) {
        if (firstMatch(rule, facts, remaining) < 0) return Set.of();
        Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
        // the prompt is scanned here at the latest, and only because a guarded deployment remains
        for (PiiKind k : facts.personalDataKinds()) {
            if (((Action.Redact) rule.action()).kinds().contains(k)) kinds.add(k);
        }
        return kinds;
    }

    private static String denial(Rule rule, RequestFacts facts, String removed) {
        StringBuilder m = new StringBuilder();
        m.append(rule.message() != null ? rule.message() : "Refused by the gateway's policy rule '" + rule.id() + "'.");
        m.append(" (").append(reason(rule, facts));
        if (removed != null) m.append("; no deployment of this model is left: removed ").append(removed);
        m.append(')');
        return m.toString();
    }

    /** The request conditions as judged: {@code client_country IR is in [CU, IR]}. */
    static String reason(Rule rule, RequestFacts facts) {
        if (rule.when().isEmpty() && rule.unless().isEmpty()) return "applies to every request";
        StringJoiner j = new StringJoiner("; ");
        for (Condition c : rule.when()) j.add(c.explain(facts, null));
        for (Condition c : rule.unless()) j.add("unless " + c.explain(facts, null));
        return j.toString();
    }

    private static String whereReason(Rule rule, RequestFacts facts, Candidate c) {
        StringJoiner j = new StringJoiner(", ");
        for (Condition w : rule.where()) j.add(w.explain(facts, c));
        return j.toString();
    }

    private static String words(Set<PiiKind> kinds) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (PiiKind k : kinds) j.add(k.wire());
        return j.toString();
    }
}
