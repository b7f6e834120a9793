package dev.gatehouse.providers;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/** An HTTP request ready to send: absolute URI, headers (auth included) and body. */
public record UpstreamRequest(HttpMethod method, String uri, MultiMap headers, Buffer body) {
}
