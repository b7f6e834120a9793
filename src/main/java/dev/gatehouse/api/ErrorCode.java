package dev.gatehouse.api;

/**
 * Every failure the gateway can report, with a stable machine-readable code, its HTTP status and
 * OpenAI's error {@code type}. Logs, metrics and clients all see the same code.
 */
public enum ErrorCode {
    INVALID_JSON(400, "invalid_request_error", "invalid_json"),
    INVALID_REQUEST(400, "invalid_request_error", "invalid_request"),
    MISSING_MODEL(400, "invalid_request_error", "missing_model"),
    INVALID_UTF8(400, "invalid_request_error", "invalid_encoding"),
    UNSUPPORTED_OPERATION(400, "invalid_request_error", "unsupported_operation"),
    UPSTREAM_BAD_REQUEST(400, "invalid_request_error", "upstream_rejected_request"),
    CONTENT_FILTERED(400, "invalid_request_error", "content_filter"),
    INVALID_API_KEY(401, "invalid_request_error", "invalid_api_key"),
    FORBIDDEN(403, "permission_error", "forbidden"),
    MODEL_NOT_ALLOWED(403, "permission_error", "model_not_allowed"),
    ACCOUNT_PENDING(403, "permission_error", "account_pending"),
    ACCOUNT_SUSPENDED(403, "permission_error", "account_suspended"),
    ACCOUNT_CLOSED(403, "permission_error", "account_closed"),
    /** Refused by a policy rule; the wire code names the rule ({@code policy.embargo}). */
    POLICY_DENIED(403, "permission_error", "policy_denied"),
    MODEL_NOT_FOUND(404, "invalid_request_error", "model_not_found"),
    NOT_FOUND(404, "invalid_request_error", "not_found"),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "method_not_allowed"),
    BODY_TOO_LARGE(413, "invalid_request_error", "request_too_large"),
    HEADERS_TOO_LARGE(431, "invalid_request_error", "request_headers_too_large"),
    RATE_LIMITED(429, "rate_limit_error", "rate_limit_exceeded"),
    /** Over a quota a policy rule sets; the wire code names the rule. */
    POLICY_QUOTA(429, "rate_limit_error", "policy_quota"),
    UPSTREAM_RATE_LIMITED(429, "rate_limit_error", "upstream_rate_limited"),
    INTERNAL(500, "server_error", "internal_error"),
    UPSTREAM_ERROR(502, "server_error", "upstream_error"),
    UPSTREAM_UNAVAILABLE(502, "server_error", "all_deployments_failed"),
    UPSTREAM_BAD_RESPONSE(502, "server_error", "upstream_bad_response"),
    UPSTREAM_AUTH_FAILED(502, "server_error", "upstream_auth_failed"),
    CIRCUIT_OPEN(503, "server_error", "deployments_unavailable"),
    /** The usage ledger or the audit log is too far behind to take more requests (see RecordingGuard). */
    RECORDING_BEHIND(503, "server_error", "recording_backlog"),
    UPSTREAM_TIMEOUT(504, "timeout_error", "upstream_timeout");

    private final int status;
    private final String type;
    private final String code;

    ErrorCode(int status, String type, String code) {
        this.status = status;
        this.type = type;
        this.code = code;
    }

    public int status() { return status; }

    /** OpenAI's error {@code type}, e.g. {@code invalid_request_error}. */
    public String type() { return type; }

    /** The stable code clients and logs see, e.g. {@code all_deployments_failed}. */
    public String code() { return code; }
}
