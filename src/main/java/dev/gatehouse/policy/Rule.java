package dev.gatehouse.policy;

import java.util.List;

/**
 * One compiled rule. {@code when} and {@code unless} hold request facts; {@code where} holds
 * deployment facts. {@code source} says where it was written ({@code pack default} or the file
 * and line), for the trace and for errors.
 */
public record Rule(String id, String description, String message, List<Condition> when, List<Condition> unless,
                   List<Condition> where, Action action, String source) {

    /** The error code of a denial by this rule. */
    public String code() { return "policy." + id; }

    /** Whether the request's facts bring this rule into play (the trace explains it otherwise). */
    public boolean applies(RequestFacts f) {
        for (Condition c : when) if (!c.test(f, null)) return false;
        if (unless.isEmpty()) return true;
        for (Condition c : unless) if (!c.test(f, null)) return true;
        return false;
    }

    /** Whether a candidate deployment is one this rule acts on. */
    public boolean matches(RequestFacts f, Candidate c) {
        for (Condition w : where) if (!w.test(f, c)) return false;
        return true;
    }
}
