package dev.gatehouse.policy;

import dev.gatehouse.policy.pii.PiiKind;

import java.util.Set;

/** What a rule does when its conditions hold. */
public sealed interface Action {
    /** Refuse the whole request. */
    record Deny() implements Action {}

    /** Remove the deployments its {@code where} matches; refuse if none remain. */
    record Exclude() implements Action {}

    /** Replace these kinds of personal data in the prompt before it goes to deployments its {@code where} matches. */
    record Redact(Set<PiiKind> kinds) implements Action {}

    /** Count the matching customers' requests and tokens against a low per-minute quota. */
    record Quota(long requestsPerMinute, long tokensPerMinute) implements Action {
        /** A counter the rule does not set. */
        public static final long UNLIMITED = Long.MAX_VALUE;
    }

    /** Keep the prompt and the response in the audit trail (off unless a customer's policy turns it on). */
    record LogContent() implements Action {}

    default String wire() {
        return switch (this) {
            case Deny d -> "deny";
            case Exclude e -> "exclude";
            case Redact r -> "redact";
            case Quota q -> "quota";
            case LogContent l -> "log_content";
        };
    }
}
