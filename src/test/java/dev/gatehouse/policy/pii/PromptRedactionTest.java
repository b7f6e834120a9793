package dev.gatehouse.policy.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.RequestJson;
import dev.gatehouse.api.ResponseTextRewriter;
import dev.gatehouse.config.PolicyConfig.PersonalDataConfig;
import dev.gatehouse.pipeline.RequestContext;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.gatehouse.policy.pii.ChatBodies.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptRedactionTest {
    private static final Set<PiiKind> ALL = EnumSet.allOf(PiiKind.class);
    private final Redactor redactor = PersonalDataDetectors.from(PersonalDataConfig.DEFAULTS);

    /** A context as the gateway makes it: the tree read from the body's bytes, and the bytes' splice points. */
    private static RequestContext context(Operation op, ObjectNode body) {
        RequestJson.Parsed parsed;
        try {
            parsed = RequestJson.read(Buffer.buffer(body.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RequestContext ctx = new RequestContext("req-1", null, op, null);
        ctx.request((ObjectNode) parsed.tree(), parsed.splice(), body.path("model").asText(), false, false);
        assertThat(ctx.asReceived()).isNotNull();
        return ctx;
    }

    @Test
    void should_redact_every_field_in_place_with_one_placeholder_per_value_across_messages() {
        RequestContext ctx = context(Operation.CHAT, ChatBodies.chat());

        PromptRedaction.Redacted result = PromptRedaction.apply(ctx, redactor, ALL, false);

        JsonNode messages = ctx.body().get("messages");
        assertThat(messages.at("/1/content").asText()).isEqualTo("你好，我叫张伟，身份证号[ID_NUMBER_1]，手机[PHONE_1]。"
                + "订单号：6228480402564890018，下单时间 2024-03-15 12:30:45（时间戳1710489045008），为什么扣款失败？扣款卡是[BANK_CARD_1]。");
        assertThat(messages.at("/1/name").asText()).isEqualTo("zhang_wei");
        // the JSON number became a JSON string placeholder, so the arguments stay valid JSON
        assertThat(json(messages.at("/2/tool_calls/0/function/arguments").asText())).isEqualTo(
                json("{\"id_number\":\"[ID_NUMBER_1]\",\"phone\":\"[PHONE_1]\",\"order_no\":\"202403151230458875\"}"));
        assertThat(messages.at("/3/content").asText()).contains("\"backup_phone\":\"[PHONE_2]\"", "\"order\":\"202403151230458875\"");
        // the same mobile written another way is the same value: the same placeholder
        assertThat(messages.at("/4/content/0/text").asText()).isEqualTo("另外我的邮箱是 [EMAIL_1]，备用手机 [PHONE_2]，版本号 v2.13.812.345。");
        assertThat(messages.at("/4/content/1/image_url/url").asText()).isEqualTo("https://example.com/receipts/13812345678.png");
        assertThat(result.findings()).hasSize(8);
        assertThat(result.map().size()).isEqualTo(5);
        assertThat(ctx.body().toString()).doesNotContain(ChatBodies.ID, "13912345678", ChatBodies.EMAIL, "6222 0212")
                .contains(ChatBodies.NOT_PERSONAL);
        assertThat(ctx.responseFilter()).as("no restoration asked").isNull();
        assertThat(ctx.asReceived()).as("the client's bytes no longer stand for the request").isNull();
    }

    @Test
    void should_redact_only_the_kinds_asked_for() {
        RequestContext ctx = context(Operation.CHAT, ChatBodies.chat());

        PromptRedaction.Redacted result = PromptRedaction.apply(ctx, redactor, EnumSet.of(PiiKind.ID_NUMBER, PiiKind.BANK_CARD), true);

        assertThat(result.findings()).extracting(Finding::kind).containsOnly(PiiKind.ID_NUMBER, PiiKind.BANK_CARD);
        assertThat(ctx.body().at("/messages/1/content").asText()).contains("[ID_NUMBER_1]", "[BANK_CARD_1]", ChatBodies.MOBILE);
        assertThat(ctx.body().at("/messages/4/content/0/text").asText()).contains(ChatBodies.EMAIL);
    }

    @Test
    void should_leave_the_response_path_alone_when_nothing_was_redacted() {
        ObjectNode body = json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"订单号：6228480402564890018 的物流状态？\"}]}");
        String before = body.toString();
        RequestContext ctx = context(Operation.CHAT, body);

        PromptRedaction.Redacted result = PromptRedaction.apply(ctx, redactor, ALL, true);

        assertThat(result.isEmpty()).isTrue();
        assertThat(ctx.body().toString()).isEqualTo(before);
        assertThat(ctx.responseFilter()).isNull();
        assertThat(ctx.asReceived()).as("nothing changed: the client's bytes may still go upstream").isNotNull();
        assertThat(PromptRedaction.apply(ctx, redactor, Set.of(), true).isEmpty()).isTrue();
    }

    @Test
    void should_restore_originals_in_a_complete_answer_including_json_escaped_tool_arguments() throws IOException {
        Redactor withNames = PersonalDataDetectors.from(new PersonalDataConfig(List.of("Dwayne \"The Rock\" Johnson"), false, true, 0.8));
        RequestContext ctx = context(Operation.CHAT, json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Book a table for Dwayne \\\"The Rock\\\" Johnson, phone 13812345678, card 6222021234567890128.\"}]}"));
        PromptRedaction.apply(ctx, withNames, ALL, true);
        assertThat(ctx.body().at("/messages/0/content").asText()).isEqualTo("Book a table for [NAME_1], phone [PHONE_1], card [BANK_CARD_1].");
        byte[] answer = ("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Booked for [NAME_1]; we will call [PHONE_1]. [NOT_OURS_1] stays.\","
                + "\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"book\","
                + "\"arguments\":\"{\\\"guest\\\":\\\"[NAME_1]\\\",\\\"card\\\":\\\"[BANK_CARD_1]\\\"}\"}}]},\"finish_reason\":\"stop\"}]}")
                .getBytes(StandardCharsets.UTF_8);

        JsonNode restored = Json.MAPPER.readTree(ResponseTextRewriter.complete(answer, ctx.responseFilter()));

        assertThat(restored.at("/choices/0/message/content").asText())
                .isEqualTo("Booked for Dwayne \"The Rock\" Johnson; we will call 13812345678. [NOT_OURS_1] stays.");
        JsonNode arguments = json(restored.at("/choices/0/message/tool_calls/0/function/arguments").asText());
        assertThat(arguments.get("guest").asText()).isEqualTo("Dwayne \"The Rock\" Johnson");
        assertThat(arguments.get("card").asText()).isEqualTo("6222021234567890128");
    }

    @Test
    void should_restore_a_streamed_answer_whatever_the_chunk_boundaries_and_hold_back_only_placeholder_prefixes() {
        RequestContext ctx = context(Operation.CHAT, ChatBodies.chat());
        PromptRedaction.apply(ctx, redactor, ALL, true);
        String upstream = "您好，身份证[ID_NUMBER_1]、手机[PHONE_1]和[PHONE_2]已核实，卡号[BANK_CARD_1]正常。[x] 结束";
        String expected = "您好，身份证" + ChatBodies.ID + "、手机" + ChatBodies.MOBILE + "和" + ChatBodies.BACKUP_MOBILE_DASHED
                + "已核实，卡号" + ChatBodies.CARD + "正常。[x] 结束";

        for (int size = 1; size <= 7; size++) {
            ResponseTextRewriter rewriter = new ResponseTextRewriter(ctx.responseFilter());
            StringBuilder client = new StringBuilder();
            int sent = 0;
            for (int at = 0; at < upstream.length(); at += size) {
                String piece = upstream.substring(at, Math.min(upstream.length(), at + size));
                sent += piece.length();
                client.append(emitted(rewriter, piece, false));
                // never more held back than a placeholder's length
                String upstreamSoFar = upstream.substring(0, sent);
                assertThat(restoredLength(upstreamSoFar) - client.length()).isLessThan("[BANK_CARD_1]".length());
            }
            client.append(emitted(rewriter, null, true));
            assertThat(client.toString()).as("chunks of %d characters", size).isEqualTo(expected);
        }
    }

    @Test
    void should_emit_text_far_from_a_placeholder_at_once() {
        RequestContext ctx = context(Operation.CHAT, ChatBodies.chat());
        PromptRedaction.apply(ctx, redactor, ALL, true);
        ResponseTextRewriter rewriter = new ResponseTextRewriter(ctx.responseFilter());

        assertThat(emitted(rewriter, "Hello ", false)).isEqualTo("Hello ");
        assertThat(emitted(rewriter, "[ID_", false)).isEmpty();
        assertThat(emitted(rewriter, "NUMBER_1] ok [", false)).isEqualTo(ChatBodies.ID + " ok ");
        assertThat(emitted(rewriter, "1] done", false)).isEqualTo("[1] done");
    }

    @Test
    void should_redact_embedding_inputs() {
        RequestContext ctx = context(Operation.EMBEDDINGS,
                json("{\"model\":\"e\",\"input\":[\"客户 13812345678 投诉\",\"无个人信息\",\"" + ChatBodies.ID + "\"]}"));

        PromptRedaction.apply(ctx, redactor, ALL, true);

        assertThat(ctx.body().get("input").toString()).isEqualTo("[\"客户 [PHONE_1] 投诉\",\"无个人信息\",\"[ID_NUMBER_1]\"]");
        assertThat(ctx.asReceived()).isNull();
    }

    @Test
    void should_refuse_a_missing_redactor_or_kind_set() {
        RequestContext ctx = context(Operation.CHAT, ChatBodies.chat());

        assertThatThrownBy(() -> PromptRedaction.apply(ctx, null, ALL, true)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("redactor");
        assertThatThrownBy(() -> PromptRedaction.apply(ctx, redactor, null, true)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("kinds");
        assertThat(ctx.body().at("/messages/1/content").asText()).contains(ChatBodies.ID);
    }

    /** Feeds one content delta (or a finish chunk) and returns the content the client would get. */
    private static String emitted(ResponseTextRewriter rewriter, String piece, boolean finish) {
        ObjectNode chunk = json("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":null}]}");
        if (piece != null) ((ObjectNode) chunk.at("/choices/0/delta")).put("content", piece);
        if (finish) ((ObjectNode) chunk.at("/choices/0")).put("finish_reason", "stop");
        rewriter.chunk(chunk);
        return chunk.at("/choices/0/delta/content").asText("");
    }

    /** How long the restored text of a prefix of the upstream text is, counting a cut placeholder as itself. */
    private static int restoredLength(String upstreamPrefix) {
        List<String[]> swaps = new ArrayList<>(List.of(new String[] {"[ID_NUMBER_1]", ChatBodies.ID},
                new String[] {"[PHONE_1]", ChatBodies.MOBILE}, new String[] {"[PHONE_2]", ChatBodies.BACKUP_MOBILE_DASHED},
                new String[] {"[BANK_CARD_1]", ChatBodies.CARD}));
        String s = upstreamPrefix;
        for (String[] swap : swaps) s = s.replace(swap[0], swap[1]);
        return s.length();
    }
}
