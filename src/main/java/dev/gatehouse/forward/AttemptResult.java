package dev.gatehouse.forward;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.TranslatedResponse;

/** How an attempt that the client will not see retried ended. */
public sealed interface AttemptResult {

    /** A complete (non-streamed) response, not yet written to the client. */
    record Complete(TranslatedResponse response) implements AttemptResult {}

    /**
     * A stream, already written to the client. {@code error} is set when it broke after the first
     * byte (the client got an error event); {@code usage} covers what was streamed.
     */
    record Streamed(Usage usage, GatewayException error) implements AttemptResult {}
}
