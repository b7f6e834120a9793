package dev.gatehouse.policy;

import dev.gatehouse.policy.pii.PiiKind;

import java.util.List;
import java.util.Set;

/**
 * The policy's answer for one request. When denied, {@code rule} decided and {@code message}
 * tells the developer why. When allowed, {@code remaining} are the deployments left, and
 * {@code excluded} says which rule removed each of the others. {@code trace} is filled
 * only when asked for (the explain endpoint): the request path does not build it.
 */
public record Decision(Rule deniedBy, String message, List<Candidate> remaining, List<Exclusion> excluded,
                       Set<PiiKind> redact, List<RuleQuota> quotas, boolean logContent, List<TraceStep> trace) {

    /** A deployment a rule removed. */
    public record Exclusion(Rule rule, Candidate candidate) {
        @Override
        public String toString() { return rule.id() + ":" + candidate.label(); }
    }

    /** A quota to enforce, with the rule that set it (its code is the refusal's). */
    public record RuleQuota(Rule rule, Action.Quota quota) {}

    public boolean allowed() { return deniedBy == null; }

    /** {@code policy.<rule>} when denied. */
    public String code() { return deniedBy != null ? deniedBy.code() : "allow"; }
}
