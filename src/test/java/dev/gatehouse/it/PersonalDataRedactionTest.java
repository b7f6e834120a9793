package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.config.PolicyConfig.PersonalDataConfig;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.policy.pii.PersonalDataDetectors;
import dev.gatehouse.policy.pii.PiiKind;
import dev.gatehouse.policy.pii.PromptRedaction;
import dev.gatehouse.policy.pii.Redactor;
import dev.gatehouse.policy.pii.ResponseScan;
import dev.gatehouse.simulator.RecordedRequest;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import dev.gatehouse.testkit.SseResult;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redaction through the real server: a stage standing in for the policy redacts the prompt in
 * {@code beforeForward}; the simulator (whose {@code *echo*} models answer the last user message
 * verbatim) shows what reached the upstream, and the client must get its own values back, in
 * plain and streamed answers, on the OpenAI and the Anthropic dialect.
 */
class PersonalDataRedactionTest {
    private static final String ID = "440305199003071236";
    private static final String MOBILE = "13812345678";
    private static final String CARD = "6222021234567890128";
    private static final String ORDER = "6228480402564890018";
    private static final String PROMPT = "我叫张伟，身份证号" + ID + "，手机 " + MOBILE + "，银行卡" + CARD
            + "。订单号：" + ORDER + " 为什么还没发货？";

    /** Redacts what header {@code x-test-kinds} names (all kinds without it); restores unless the route says not to. */
    static final class RedactingStage implements GatewayStage {
        private final Redactor redactor = PersonalDataDetectors.from(PersonalDataConfig.DEFAULTS);
        volatile Map<PiiKind, Integer> lastResponseScan;

        @Override
        public Future<Void> beforeForward(RequestContext ctx) {
            ResponseScan.attach(ctx, redactor); // first, so it sees what the provider wrote
            String kinds = ctx.http().getHeader("x-test-kinds");
            Set<PiiKind> redact = kinds == null ? EnumSet.allOf(PiiKind.class)
                    : Arrays.stream(kinds.split(",")).map(PiiKind::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(PiiKind.class)));
            PromptRedaction.apply(ctx, redactor, redact, !"echo-unrestored".equals(ctx.model()));
            return Future.succeededFuture();
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onComplete(RequestContext ctx) {
            Object counts = ctx.attribute(ResponseScan.ATTRIBUTE);
            if (counts != null) lastResponseScan = new TreeMap<>((Map<PiiKind, Integer>) counts);
        }
    }

    static final RedactingStage STAGE = new RedactingStage();

    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withConfig("it/personal-data.yaml").withStages(STAGE);

    private static String chat(String model, boolean stream, int n) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model);
        if (stream) body.put("stream", true);
        if (n > 1) body.put("n", n);
        body.putArray("messages").addObject().put("role", "user").put("content", PROMPT);
        return body.toString();
    }

    /** The one request the upstream received, as text. */
    private static String upstreamBody() {
        List<RecordedRequest> received = gw.simulator().requests();
        assertThat(received).hasSize(1);
        return received.get(0).body();
    }

    private static void assertUpstreamGotOnlyPlaceholders() {
        String upstream = upstreamBody();
        assertThat(upstream).contains("[ID_NUMBER_1]", "[PHONE_1]", "[BANK_CARD_1]", ORDER)
                .doesNotContain(ID, MOBILE, CARD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "claude-echo"})
    void should_send_the_prompt_redacted_and_give_the_client_its_values_back(String model) {
        HttpResult r = gw.post("/chat/completions", chat(model, false, 1));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertUpstreamGotOnlyPlaceholders();
        assertThat(r.json().at("/choices/0/message/content").asText()).isEqualTo(PROMPT);
        assertThat(r.json().at("/usage/completion_tokens").asInt()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "claude-echo"})
    void should_restore_placeholders_cut_across_stream_chunks(String model) {
        SseResult r = gw.stream(chat(model, true, 1));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.endsWithDone()).isTrue();
        assertUpstreamGotOnlyPlaceholders();
        List<String> pieces = r.events().stream().map(e -> e.at("/choices/0/delta/content"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList();
        assertThat(pieces.size()).as("the answer still streams in many chunks").isGreaterThan(10);
        assertThat(pieces).noneMatch(p -> p.contains("[ID_NUMBER") || p.contains("[PHONE") || p.contains("[BANK_CARD"));
        assertThat(String.join("", pieces)).isEqualTo(PROMPT);
    }

    @Test
    void should_restore_every_choice_of_a_stream_on_its_own() {
        SseResult r = gw.stream(chat("echo", true, 2));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (int choice = 0; choice < 2; choice++) {
            StringBuilder text = new StringBuilder();
            for (JsonNode e : r.events()) {
                for (JsonNode c : e.path("choices")) {
                    if (c.path("index").asInt() == choice && c.at("/delta/content").isTextual()) text.append(c.at("/delta/content").asText());
                }
            }
            assertThat(text.toString()).as("choice %d", choice).isEqualTo(PROMPT);
        }
    }

    @Test
    void should_leave_placeholders_in_the_answer_when_restoration_is_off() {
        HttpResult r = gw.post("/chat/completions", chat("echo-unrestored", false, 1));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/choices/0/message/content").asText()).contains("[ID_NUMBER_1]", "[PHONE_1]", "[BANK_CARD_1]")
                .doesNotContain(ID, MOBILE, CARD);
    }

    @Test
    void should_show_that_the_upstream_cuts_placeholders_across_chunks() {
        SseResult r = gw.stream(chat("echo-unrestored", true, 1));

        List<String> pieces = r.events().stream().map(e -> e.at("/choices/0/delta/content"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList();
        assertThat(pieces).as("the premise of the restoring stream test").anyMatch(p -> p.contains("[") && !p.contains("]"));
        assertThat(String.join("", pieces)).contains("[ID_NUMBER_1]", "[PHONE_1]", "[BANK_CARD_1]");
    }

    @Test
    void should_redact_only_the_kinds_asked_for_and_count_what_the_provider_wrote() {
        HttpResult r = gw.send(gw.request("/chat/completions").header("authorization", "Bearer " + GatewayHarness.KEY)
                .header("content-type", "application/json").header("x-test-kinds", "ID_NUMBER")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat("echo", false, 1))).build());

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(upstreamBody()).contains("[ID_NUMBER_1]", MOBILE, CARD).doesNotContain(ID);
        assertThat(r.json().at("/choices/0/message/content").asText()).isEqualTo(PROMPT);
        GatewayHarness.await("the response scan is recorded", Duration.ofSeconds(5),
                () -> STAGE.lastResponseScan != null && !STAGE.lastResponseScan.isEmpty());
        assertThat(STAGE.lastResponseScan).isEqualTo(Map.of(PiiKind.PHONE, 1, PiiKind.BANK_CARD, 1));
    }
}
