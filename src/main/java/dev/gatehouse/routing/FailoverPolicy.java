package dev.gatehouse.routing;

import dev.gatehouse.config.ConfigException;

import java.util.BitSet;
import java.util.List;

/**
 * Which failures move a request on to the next deployment (and count against a deployment's
 * circuit breaker). Written in the config as a list such as {@code [connect, timeout, 429, 5xx]};
 * compiled once. Client errors (400, 401, 404, 422 ...) never fail over: another deployment
 * would reject the same request the same way.
 */
public final class FailoverPolicy {
    private final boolean onConnect;
    private final boolean onTimeout;
    private final boolean onBroken;
    private final BitSet statuses = new BitSet(600);

    private FailoverPolicy(boolean onConnect, boolean onTimeout, boolean onBroken) {
        this.onConnect = onConnect;
        this.onTimeout = onTimeout;
        this.onBroken = onBroken;
    }

    public static FailoverPolicy parse(List<String> entries, String where) {
        boolean connect = false;
        boolean timeout = false;
        boolean broken = false;
        BitSet codes = new BitSet(600);
        for (String raw : entries) {
            String e = raw == null ? "" : raw.trim().toLowerCase(java.util.Locale.ROOT);
            switch (e) {
                case "connect" -> connect = true;
                case "timeout" -> timeout = true;
                case "5xx" -> { codes.set(500, 600); broken = true; }
                default -> {
                    int code;
                    try {
                        code = Integer.parseInt(e);
                    } catch (NumberFormatException nfe) {
                        throw new ConfigException(where + ": unknown failover condition '" + raw
                                + "'; use connect, timeout, 5xx or a status code such as 429 or 503");
                    }
                    if (code < 400 || code > 599) throw new ConfigException(where + ": " + code + " is not an error status");
                    if (code < 500 && code != 408 && code != 409 && code != 429) {
                        throw new ConfigException(where + ": " + code + " is a client error; the same request would fail"
                                + " on every deployment, so it cannot trigger failover");
                    }
                    codes.set(code);
                    if (code >= 500) broken = true;
                }
            }
        }
        FailoverPolicy p = new FailoverPolicy(connect, timeout, broken);
        p.statuses.or(codes);
        return p;
    }

    /** Whether this failure may be retried elsewhere. */
    public boolean failsOver(AttemptFailure f) {
        return switch (f) {
            case AttemptFailure.Connect c -> onConnect;
            case AttemptFailure.Timeout t -> onTimeout;
            case AttemptFailure.Broken b -> onBroken;
            case AttemptFailure.Status s -> statuses.get(s.status());
        };
    }
}
