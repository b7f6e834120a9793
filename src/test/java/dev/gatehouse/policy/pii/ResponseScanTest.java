package dev.gatehouse.policy.pii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.ResponseTextRewriter;
import dev.gatehouse.config.PolicyConfig.PersonalDataConfig;
import dev.gatehouse.pipeline.RequestContext;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;

import static dev.gatehouse.policy.pii.ChatBodies.json;
import static org.assertj.core.api.Assertions.assertThat;

class ResponseScanTest {
    private final Redactor redactor = PersonalDataDetectors.from(PersonalDataConfig.DEFAULTS);

    private static RequestContext context() {
        RequestContext ctx = new RequestContext("req-1", null, Operation.CHAT, null);
        ctx.request(ChatBodies.chat(), null, "m", true, false);
        return ctx;
    }

    @Test
    void should_count_findings_of_a_complete_answer_by_kind_without_changing_it() {
        RequestContext ctx = context();
        ResponseScan.attach(ctx, redactor);
        byte[] answer = ("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"请联系 13812345678 或 13912345678，邮箱 a@example.com。"
                + "订单号：6228480402564890018\"}}]}").getBytes(StandardCharsets.UTF_8);

        byte[] out = ResponseTextRewriter.complete(answer, ctx.responseFilter());

        assertThat(out).isSameAs(answer);
        assertThat(counts(ctx)).containsExactlyInAnyOrderEntriesOf(Map.of(PiiKind.PHONE, 2, PiiKind.EMAIL, 1));
    }

    @Test
    void should_count_a_number_cut_by_chunk_boundaries_once_and_pass_every_chunk_unchanged() {
        RequestContext ctx = context();
        ResponseScan.attach(ctx, redactor);
        ResponseTextRewriter rewriter = new ResponseTextRewriter(ctx.responseFilter());
        String text = "您的身份证号 " + ChatBodies.ID + " 已登记，手机 138 1234 5678 也已登记。";

        StringBuilder client = new StringBuilder();
        for (int at = 0; at < text.length(); at += 3) {
            String piece = text.substring(at, Math.min(text.length(), at + 3));
            ObjectNode chunk = json("{\"choices\":[{\"index\":0,\"delta\":{}}]}");
            ((ObjectNode) chunk.at("/choices/0/delta")).put("content", piece);
            rewriter.chunk(chunk);
            assertThat(chunk.at("/choices/0/delta/content").asText()).isEqualTo(piece);
            client.append(piece);
        }
        assertThat(counts(ctx)).as("the last number is settled only at the end").doesNotContainKey(PiiKind.PHONE);
        rewriter.chunk(json("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"));

        assertThat(client.toString()).isEqualTo(text);
        assertThat(counts(ctx)).containsExactlyInAnyOrderEntriesOf(Map.of(PiiKind.ID_NUMBER, 1, PiiKind.PHONE, 1));
    }

    @Test
    void should_see_what_the_provider_wrote_when_attached_before_restoration() {
        RequestContext ctx = context();
        ResponseScan.attach(ctx, redactor);
        PromptRedaction.apply(ctx, redactor, EnumSet.allOf(PiiKind.class), true);
        byte[] answer = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"[PHONE_1] 与新号码 15987654321\"}}]}"
                .getBytes(StandardCharsets.UTF_8);

        String out = new String(ResponseTextRewriter.complete(answer, ctx.responseFilter()), StandardCharsets.UTF_8);

        assertThat(out).contains(ChatBodies.MOBILE + " 与新号码 15987654321");
        assertThat(counts(ctx)).containsExactlyEntriesOf(Map.of(PiiKind.PHONE, 1));
    }

    @Test
    void should_start_from_zero_for_another_attempts_response() {
        RequestContext ctx = context();
        ResponseScan.attach(ctx, redactor);
        byte[] answer = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"13812345678\"}}]}".getBytes(StandardCharsets.UTF_8);

        ResponseTextRewriter.complete(answer, ctx.responseFilter());
        ResponseTextRewriter.complete(answer, ctx.responseFilter());

        assertThat(counts(ctx)).containsExactlyEntriesOf(Map.of(PiiKind.PHONE, 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<PiiKind, Integer> counts(RequestContext ctx) {
        return (Map<PiiKind, Integer>) ctx.attribute(ResponseScan.ATTRIBUTE);
    }
}
