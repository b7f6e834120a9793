package dev.gatehouse.providers;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * An HTTP request ready to send: absolute URI, headers (auth included) and body. The headers may be
 * read-only and shared by many requests: the HTTP client copies them into each request it sends.
 */
public record UpstreamRequest(HttpMethod method, String uri, MultiMap headers, Buffer body) {
}
