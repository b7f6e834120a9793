package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes exactly the router's routes, resolves its references, and is served without auth. */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static JsonNode document() throws Exception {
        return Json.MAPPER.readTree(OpenApiHandler.load());
    }

    @Test
    void should_list_every_route_of_the_router_and_no_other() throws Exception {
        JsonNode doc = document();
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
            });
        }
        Set<String> routed = new TreeSet<>();
        for (Router.Route r : AdminHandler.routes(null, new Sessions(Clock.systemUTC())).routes()) {
            routed.add(r.method().name() + " " + r.pattern());
        }
        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void should_match_each_routes_access_and_declare_its_path_parameters() throws Exception {
        JsonNode doc = document();
        for (Router.Route r : AdminHandler.routes(null, new Sessions(Clock.systemUTC())).routes()) {
            JsonNode op = doc.path("paths").path(r.pattern()).path(r.method().name().toLowerCase(Locale.ROOT));
            assertThat(op.path("x-gatehouse-access").asText()).as(r.pattern()).isEqualTo(r.access().name());
            List<String> declared = new ArrayList<>();
            op.path("parameters").forEach(p -> { if (p.path("in").asText().equals("path")) declared.add(p.path("name").asText()); });
            List<String> inPattern = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([a-z_]+)}").matcher(r.pattern());
            while (m.find()) inPattern.add(m.group(1));
            assertThat(declared).as(r.method() + " " + r.pattern()).containsExactlyInAnyOrderElementsOf(inPattern);
            assertThat(op.path("responses").isEmpty()).isFalse();
        }
    }

    @Test
    void should_resolve_every_schema_reference() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        Matcher m = Pattern.compile("\"\\$ref\" *: *\"#/components/schemas/([A-Za-z]+)\"").matcher(OpenApiHandler.load());
        int refs = 0;
        while (m.find()) {
            assertThat(doc.path("components").path("schemas").has(m.group(1))).as(m.group(1)).isTrue();
            refs++;
        }
        assertThat(refs).isGreaterThan(50);
    }

    @Test
    void should_serve_the_document_without_credentials() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ProviderSimulator sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            try (AdminRig rig = AdminRig.h2(sim)) {
                var r = rig.get("/openapi.json", null);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("content-type")).startsWith("application/json");
                assertThat(r.json()).isEqualTo(document());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
