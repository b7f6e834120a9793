package dev.gatehouse.admin;

import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.limits.RedemptionException;
import dev.gatehouse.limits.ValidationException;
import dev.gatehouse.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Turns the stores' typed refusals into the API's OpenAI-shaped errors. Duplicates are 400 with
 * code {@code duplicate} (bad input like any other, as the issue asks), unknown objects 404.
 * Anything unexpected is logged here and answered 500 without detail.
 */
final class AdminErrors {
    private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);
    static final String DUPLICATE = "duplicate";

    private AdminErrors() {}

    static GatewayException map(Throwable t) {
        return switch (t) {
            case GatewayException e -> e;
            case AccountsException.Invalid e -> GatewayException.invalid(sentence(e.getMessage()), e.field());
            case AccountsException.Duplicate e -> duplicate(sentence(e.getMessage()), e.field());
            case AccountsException.NotFound e -> new GatewayException(ErrorCode.NOT_FOUND, sentence(e.getMessage()), e.field());
            case ValidationException e -> GatewayException.invalid(sentence(e.getMessage()), e.field());
            case RedemptionException e -> new GatewayException(ErrorCode.INVALID_REQUEST, sentence(e.getMessage()), "code", null,
                    "redemption_code_" + e.reason().name().toLowerCase(Locale.ROOT), null);
            case StoreException e when e.isDuplicate() -> duplicate("That object already exists.", null);
            default -> internal(t);
        };
    }

    static GatewayException duplicate(String message, String field) {
        return new GatewayException(ErrorCode.INVALID_REQUEST, message, field, null, DUPLICATE, null);
    }

    static GatewayException notFound(String what) {
        return new GatewayException(ErrorCode.NOT_FOUND, "No " + what + ".");
    }

    static GatewayException forbidden(String message) {
        return new GatewayException(ErrorCode.FORBIDDEN, message);
    }

    private static GatewayException internal(Throwable t) {
        log.error("admin API request failed", t);
        return new GatewayException(ErrorCode.INTERNAL, "The request failed inside the gateway; it has been logged.");
    }

    /** Store messages are lower-case fragments; the API answers in sentences. */
    private static String sentence(String m) {
        if (m == null || m.isEmpty()) return "Invalid request.";
        String s = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
