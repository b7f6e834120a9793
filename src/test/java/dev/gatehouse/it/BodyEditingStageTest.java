package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.simulator.RecordedRequest;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stage that says nothing about the body ({@link GatewayStage#editsBodyInPlace()} left at its
 * default) may change {@code ctx.body()} in place, and its change must reach the provider: with
 * such a stage in the pipeline, no request goes upstream as the client's bytes.
 */
class BodyEditingStageTest {
    /** Sets a field on the tree as an older stage would, through body(), without declaring it. */
    static final class TaggingStage implements GatewayStage {
        @Override
        public Future<Void> beforeForward(RequestContext ctx) {
            ctx.body().put("user", "tagged-by-stage");
            return Future.succeededFuture();
        }
    }

    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withExampleConfig().withStages(new TaggingStage());

    @Test
    void should_send_the_stages_change_re_serialised() throws IOException {
        HttpResult r = gw.post("/chat/completions",
                "{\"model\":\"llama3\",  \"temperature\": 1.10, \"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        RecordedRequest call = gw.simulator().requests().get(0);
        JsonNode sent = Json.MAPPER.readTree(call.body());
        assertThat(sent.path("user").asText()).isEqualTo("tagged-by-stage");
        assertThat(sent.path("model").asText()).isEqualTo("llama3.2");
        assertThat(call.body()).as("re-serialised from the tree").contains("\"temperature\":1.1,");
    }
}
