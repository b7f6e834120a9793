package dev.gatehouse.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.BodySplice;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.ResponseTextFilter;
import dev.gatehouse.api.Usage;
import dev.gatehouse.routing.Deployment;
import dev.gatehouse.routing.Route;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one request accumulates on its way through the pipeline. Confined to the event loop
 * that received the request, so plain fields suffice.
 */
public final class RequestContext {
    private final String requestId;
    private final long startNanos;
    private final HttpServerRequest http;
    private final Operation operation;

    private Caller caller;
    private ObjectNode body;
    private BodySplice asReceived;
    private String model;
    private boolean stream;
    private boolean clientWantsUsage;
    private Route route;
    private List<Deployment> candidates;
    private final List<String> narrowedBy = new ArrayList<>(0);
    private Map<String, Object> attributes;
    private ResponseTextFilter responseFilter;

    private Deployment servedBy;
    private int attempts;
    private int status;
    private Usage usage;
    private long firstByteNanos;
    private GatewayException error;

    private final Pipeline pipeline;

    public RequestContext(String requestId, HttpServerRequest http, Operation operation, Pipeline pipeline) {
        this.requestId = requestId;
        this.http = http;
        this.operation = operation;
        this.pipeline = pipeline;
        this.startNanos = System.nanoTime();
    }

    /** Runs the pipeline's {@code beforeFinish} for this request (see {@link GatewayStage#beforeFinish}). */
    public io.vertx.core.Future<Void> beforeFinish() {
        return pipeline.beforeFinish(this);
    }

    public String requestId() { return requestId; }
    public long startNanos() { return startNanos; }
    public HttpServerRequest http() { return http; }
    public Operation operation() { return operation; }

    public Caller caller() { return caller; }
    public void caller(Caller caller) { this.caller = caller; }

    /**
     * The parsed body, to read. A stage that changes it must take it from {@link #rewritableBody()}
     * instead and declare so (see {@link GatewayStage#editsBodyInPlace()}).
     */
    public ObjectNode body() { return body; }

    /**
     * The parsed body, to change: from now on the request goes upstream re-serialised from this tree,
     * never as the client's bytes.
     */
    public ObjectNode rewritableBody() {
        asReceived = null;
        return body;
    }

    /**
     * The client's bytes with their splice points, while they still stand for the request: null once
     * a stage took {@link #rewritableBody()}, or when the pipeline has a stage that may change the
     * tree in place.
     */
    public BodySplice asReceived() { return asReceived; }
    public String model() { return model; }
    public boolean stream() { return stream; }
    public boolean clientWantsUsage() { return clientWantsUsage; }

    public void request(ObjectNode body, BodySplice asReceived, String model, boolean stream, boolean clientWantsUsage) {
        this.body = body;
        this.asReceived = asReceived;
        this.model = model;
        this.stream = stream;
        this.clientWantsUsage = clientWantsUsage;
    }

    public Route route() { return route; }

    public void route(Route route) {
        this.route = route;
        this.candidates = route.deployments();
    }

    /** The deployments this request may still use, in priority order. */
    public List<Deployment> candidates() { return candidates; }

    /** Removes a deployment from this request's candidates and records the rule that did it. */
    public void exclude(Deployment d, String rule) {
        if (candidates == route.deployments()) candidates = new ArrayList<>(candidates);
        if (candidates.remove(d)) narrowedBy.add(rule + ":" + d.label());
    }

    /** The rules that removed candidates, as {@code rule:provider/model}. */
    public List<String> narrowedBy() { return narrowedBy; }

    /** Room for later stages to pass facts along (a policy decision, a limiter reservation). */
    public Object attribute(String key) { return attributes == null ? null : attributes.get(key); }

    public void attribute(String key, Object value) {
        if (attributes == null) attributes = new HashMap<>(4);
        attributes.put(key, value);
    }

    /**
     * Adds a filter over the text of this request's chat response (restoring redacted values,
     * scanning answers); filters run in the order added, each over what the previous let through.
     */
    public void addResponseFilter(ResponseTextFilter filter) {
        responseFilter = responseFilter == null ? filter : ResponseTextFilter.chain(responseFilter, filter);
    }

    /** The response text filters of this request, chained, or null when there are none (the usual case). */
    public ResponseTextFilter responseFilter() { return responseFilter; }

    public Deployment servedBy() { return servedBy; }
    public void servedBy(Deployment d) { this.servedBy = d; }

    public int attempts() { return attempts; }
    public void countAttempt() { attempts++; }

    public int status() { return status; }
    public Usage usage() { return usage; }
    public GatewayException error() { return error; }

    /** Nanoseconds from arrival to the first byte sent to the client, 0 if none was sent. */
    public long firstByteNanos() { return firstByteNanos; }

    public void markFirstByte() {
        if (firstByteNanos == 0) firstByteNanos = System.nanoTime() - startNanos;
    }

    public void succeeded(int status, Usage usage) {
        this.status = status;
        this.usage = usage;
    }

    public void failed(GatewayException error, Usage partialUsage) {
        this.status = error.status();
        this.error = error;
        if (partialUsage != null) this.usage = partialUsage;
    }
}
