package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.SseParser;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A started simulator and a real Vert.x HTTP client on loopback, for the simulator's tests.
 * One per test class; {@link #reset()} between tests.
 */
final class SimHarness implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final ProviderSimulator sim;
    private final HttpClient client = vertx.createHttpClient();

    SimHarness() {
        this(SimulatorOptions.defaults());
    }

    SimHarness(SimulatorOptions options) {
        sim = await(ProviderSimulator.start(vertx, options));
    }

    /** A complete answer. */
    record Response(int status, MultiMap headers, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** One SSE event; {@code event} is null when the stream names none. */
    record Event(String event, String data) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(data);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }
    }

    /** What a stream delivered: its status, the events, and whether it ended cleanly or broke. */
    record Streamed(int status, MultiMap headers, List<Event> events, boolean ended, Throwable failure) {
        List<JsonNode> jsonEvents() {
            return events.stream().filter(e -> !e.data().equals("[DONE]")).map(Event::json).toList();
        }
    }

    Response post(String uri, Map<String, String> headers, String body) {
        return request(HttpMethod.POST, uri, headers, body);
    }

    Response post(String uri, Map<String, String> headers, JsonNode body) {
        return post(uri, headers, body.toString());
    }

    Response get(String uri, Map<String, String> headers) {
        return request(HttpMethod.GET, uri, headers, "");
    }

    Response request(HttpMethod method, String uri, Map<String, String> headers, String body) {
        return await(send(method, uri, headers, body, 0,
                resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b.toString()))));
    }

    /** Posts and reads the answer as an event stream, keeping what arrived even if the connection breaks. */
    Streamed stream(String uri, Map<String, String> headers, JsonNode body) {
        return await(send(HttpMethod.POST, uri, headers, body.toString(), 0, SimHarness::collect));
    }

    /** The failure a request ends in (reset, timeout), or null if it got a complete answer. */
    Throwable failureOf(String uri, Map<String, String> headers, JsonNode body, long idleTimeoutMs) {
        Promise<Throwable> outcome = Promise.promise();
        send(HttpMethod.POST, uri, headers, body.toString(), idleTimeoutMs, HttpClientResponse::body)
                .onComplete(ar -> outcome.complete(ar.failed() ? ar.cause() : null));
        return await(outcome.future());
    }

    private static Future<Streamed> collect(HttpClientResponse resp) {
        Promise<Streamed> done = Promise.promise();
        List<Event> events = new ArrayList<>();
        SseParser parser = new SseParser((event, data) -> events.add(new Event(event, data)), 1 << 20);
        resp.handler(parser::feed);
        resp.exceptionHandler(e -> done.tryComplete(new Streamed(resp.statusCode(), resp.headers(), events, false, e)));
        resp.endHandler(v -> {
            parser.end();
            done.tryComplete(new Streamed(resp.statusCode(), resp.headers(), events, true, null));
        });
        return done.future();
    }

    /**
     * Sends a request and reads its response with {@code reader}, attached on the event loop as the
     * response arrives: attached later (from the test thread) it could miss a response that already ended.
     */
    private <T> Future<T> send(HttpMethod method, String uri, Map<String, String> headers, String body, long idleTimeoutMs,
                               java.util.function.Function<HttpClientResponse, Future<T>> reader) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(sim.port()).setURI(uri);
        if (idleTimeoutMs > 0) options.setIdleTimeout(idleTimeoutMs);
        return client.request(options).compose(req -> {
            headers.forEach(req::putHeader);
            if (!body.isEmpty() && !headers.containsKey("content-type")) req.putHeader("content-type", "application/json");
            return req.send(Buffer.buffer(body)).compose(reader);
        });
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    void reset() {
        sim.reset();
    }

    @Override
    public void close() {
        await(sim.close());
        await(vertx.close());
    }
}
