package dev.gatehouse.policy;

import java.util.List;

/** A policy that cannot be loaded: every problem found, each with its source, line and reason. */
public final class PolicyException extends RuntimeException {
    private final List<String> problems;

    public PolicyException(List<String> problems) {
        super(problems.size() == 1 ? problems.getFirst()
                : problems.size() + " problems in the policy:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
