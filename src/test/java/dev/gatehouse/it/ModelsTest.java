package dev.gatehouse.it;

import com.openai.errors.NotFoundException;
import com.openai.models.models.Model;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import dev.gatehouse.testkit.OpenAiSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /v1/models} and {@code /v1/models/{id}} list the routes of {@code examples/simulated.yaml}. */
class ModelsTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withExampleConfig();

    private static final List<String> ROUTES = List.of("gpt-4o", "gpt-4o-azure", "gpt-4o-azure-china", "claude-sonnet",
            "hunyuan-turbo", "hunyuan-openai", "deepseek-chat", "deepseek-reasoner", "qwen-plus", "kimi", "llama3",
            "resilient-chat", "balanced-chat", "text-embedding-3-small", "hunyuan-embedding");

    @Test
    void should_list_every_route_in_config_order_through_the_sdk() {
        List<String> ids = new ArrayList<>();
        gw.openAi().models().list().autoPager().forEach(m -> ids.add(m.id()));

        assertThat(ids).containsExactlyElementsOf(ROUTES);
    }

    @Test
    void should_list_models_in_the_shape_of_the_openai_spec() {
        HttpResult r = gw.get("/models");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-request-id")).isNotBlank();
        OpenAiSpec.assertValid("ListModelsResponse", r.json());
        assertThat(gw.simulator().requests()).as("answered by the gateway itself").isEmpty();
    }

    @Test
    void should_retrieve_one_model_by_id() {
        Model model = gw.openAi().models().retrieve("claude-sonnet");

        assertThat(model.id()).isEqualTo("claude-sonnet");
        assertThat(model.ownedBy()).isNotBlank();
        OpenAiSpec.assertValid("Model", gw.get("/models/claude-sonnet").json());
    }

    @Test
    void should_answer_404_for_an_unknown_model_id() {
        assertThatThrownBy(() -> gw.openAi().models().retrieve("no-such-model"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).hasValue("model_not_found"));
        OpenAiSpec.assertValid("ErrorResponse", gw.get("/models/no-such-model").json());
    }

    @Test
    void should_require_a_key_to_list_models() {
        HttpResult r = gw.send(gw.request("/models").GET().build());

        assertThat(r.status()).isEqualTo(401);
        OpenAiSpec.assertValid("ErrorResponse", r.json());
    }
}
