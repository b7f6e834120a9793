package dev.gatehouse.providers;

import dev.gatehouse.api.Usage;
import io.vertx.core.buffer.Buffer;

/** An OpenAI-shaped response body and the usage it reported (null when it reported none). */
public record TranslatedResponse(Buffer body, Usage usage) {
}
