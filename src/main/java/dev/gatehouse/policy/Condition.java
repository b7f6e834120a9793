package dev.gatehouse.policy;

import java.util.Set;

/**
 * One compiled condition: {@code fact} is (or, when {@code negated}, is not) one of {@code values}.
 * Values are checked against the fact's domain when the policy loads.
 */
public record Condition(Fact fact, Set<String> values, boolean negated) {

    public boolean test(RequestFacts f, Candidate c) {
        return fact.in(f, c, values) != negated;
    }

    /** Why it held or not, for the decision trace: {@code client_country IR is in [CU, IR, KP, SY]}. */
    public String explain(RequestFacts f, Candidate c) {
        String v = fact.value(f, c);
        boolean in = fact.in(f, c, values);
        return fact.wire() + " " + (v != null ? v : Fact.UNKNOWN) + (in ? " is in " : " is not in ") + values;
    }

    @Override
    public String toString() {
        return fact.wire() + (negated ? " not in " : " in ") + values;
    }
}
