package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatehouse.api.Json;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;

/**
 * The simulator's own JSON API under {@code /_sim/}, for tests in other processes:
 * <pre>
 * GET    /_sim/requests   the recorded requests, oldest first     DELETE /_sim/requests  forget them
 * GET    /_sim/stats      the counters                            POST   /_sim/reset     forget everything
 * GET    /_sim/faults     the registered faults                   POST   /_sim/faults    register one
 * DELETE /_sim/faults     remove all faults
 * GET    /_sim/timing     the current timing                      PUT    /_sim/timing    change some of it
 * </pre>
 */
final class AdminApi {
    private final ProviderSimulator simulator;

    AdminApi(ProviderSimulator simulator) {
        this.simulator = simulator;
    }

    void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            try {
                JsonNode json = body.length() == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body.getBytes());
                answer(request, json);
            } catch (IOException | IllegalArgumentException e) {
                send(request, 400, Json.MAPPER.createObjectNode().put("error", e.getMessage()));
            }
        });
    }

    private void answer(HttpServerRequest request, JsonNode json) {
        HttpMethod method = request.method();
        String what = request.path().substring("/_sim/".length());
        switch (what) {
            case "requests" -> {
                if (method == HttpMethod.DELETE) {
                    simulator.clearRequests();
                    send(request, 204, null);
                } else {
                    ArrayNode list = Json.MAPPER.createArrayNode();
                    simulator.requests().forEach(r -> list.add(r.toJson()));
                    send(request, 200, list);
                }
            }
            case "stats" -> send(request, 200, simulator.stats().toJson());
            case "reset" -> {
                simulator.reset();
                send(request, 204, null);
            }
            case "faults" -> {
                if (method == HttpMethod.POST) {
                    Fault fault = Fault.fromJson(json);
                    simulator.addFault(fault);
                    send(request, 201, fault.toJson());
                } else if (method == HttpMethod.DELETE) {
                    simulator.clearFaults();
                    send(request, 204, null);
                } else {
                    ArrayNode list = Json.MAPPER.createArrayNode();
                    simulator.faults().forEach(f -> list.add(f.toJson()));
                    send(request, 200, list);
                }
            }
            case "timing" -> {
                if (method == HttpMethod.PUT || method == HttpMethod.POST) simulator.timing(simulator.timing().merge(json));
                send(request, 200, simulator.timing().toJson());
            }
            default -> send(request, 404, Json.MAPPER.createObjectNode().put("error", "unknown admin path " + request.path()));
        }
    }

    private static void send(HttpServerRequest request, int status, JsonNode body) {
        request.response().setStatusCode(status);
        if (body == null) {
            request.response().end();
        } else {
            request.response().putHeader("content-type", "application/json").end(body.toString());
        }
    }
}
