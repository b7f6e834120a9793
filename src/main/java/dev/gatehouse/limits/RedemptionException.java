package dev.gatehouse.limits;

/** A redemption code that cannot be redeemed; nothing was changed. */
public final class RedemptionException extends RuntimeException {
    public enum Reason { UNKNOWN, USED, EXPIRED }

    private final Reason reason;

    public RedemptionException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
