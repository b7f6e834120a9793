package dev.gatehouse.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.routing.Route;
import dev.gatehouse.routing.RouteTable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.HashMap;
import java.util.Map;

/** {@code GET /v1/models} and {@code /v1/models/{id}}: the routes, rendered once at start-up. */
final class ModelsHandler {
    private final Buffer list;
    private final Map<String, Buffer> byId = new HashMap<>();

    ModelsHandler(RouteTable routes, long createdEpochSeconds) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (Route r : routes.routes()) {
            ObjectNode m = data.addObject();
            m.put("id", r.name());
            m.put("object", "model");
            m.put("created", createdEpochSeconds);
            m.put("owned_by", r.ownedBy() != null ? r.ownedBy() : "gatehouse");
            byId.put(r.name(), Buffer.buffer(m.toString()));
        }
        list = Buffer.buffer(root.toString());
    }

    void list(HttpServerResponse response) {
        Responses.json(response, 200, list);
    }

    void one(HttpServerRequest request, String id) {
        Buffer model = byId.get(id);
        if (model == null) {
            Responses.error(request, new GatewayException(ErrorCode.MODEL_NOT_FOUND,
                    "The model '" + id + "' does not exist or you do not have access to it.", "model"), false);
        } else {
            Responses.json(request.response(), 200, model);
        }
    }
}
