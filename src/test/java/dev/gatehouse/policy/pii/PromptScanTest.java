package dev.gatehouse.policy.pii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Operation;
import dev.gatehouse.config.PolicyConfig.PersonalDataConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gatehouse.policy.pii.ChatBodies.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class PromptScanTest {
    private final Redactor redactor = PersonalDataDetectors.from(PersonalDataConfig.DEFAULTS);

    @Test
    void should_find_every_personal_value_of_a_chinese_customer_service_chat_and_nothing_else() {
        ObjectNode body = ChatBodies.chat();
        String before = body.toString();

        List<Finding> findings = PromptScan.scan(Operation.CHAT, body, redactor);

        assertThat(findings).extracting(Finding::kind, Finding::text).containsExactly(
                // the user's message
                tuple(PiiKind.ID_NUMBER, ChatBodies.ID),
                tuple(PiiKind.PHONE, ChatBodies.MOBILE),
                tuple(PiiKind.BANK_CARD, ChatBodies.CARD),
                // the earlier tool call's arguments, the phone written as a JSON number
                tuple(PiiKind.ID_NUMBER, ChatBodies.ID),
                tuple(PiiKind.PHONE, ChatBodies.MOBILE),
                // the tool's result
                tuple(PiiKind.PHONE, ChatBodies.BACKUP_MOBILE_DASHED),
                // the text part of the last message (the image URL is not text)
                tuple(PiiKind.EMAIL, ChatBodies.EMAIL),
                tuple(PiiKind.PHONE, ChatBodies.BACKUP_MOBILE_SPACED));
        assertThat(findings).extracting(Finding::text).doesNotContainAnyElementsOf(ChatBodies.NOT_PERSONAL);
        assertThat(body.toString()).as("scanning leaves the body as it was").isEqualTo(before);
    }

    @Test
    void should_find_nothing_in_a_chat_without_personal_data() {
        ObjectNode body = json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"订单号：6228480402564890018 "
                + "在 2024-03-15 12:30:45 创建，时间戳 1710489045008，请总结物流状态。\"}]}");

        assertThat(PromptScan.scan(Operation.CHAT, body, redactor)).isEmpty();
    }

    @Test
    void should_scan_embedding_inputs_as_text_but_not_token_arrays() {
        assertThat(PromptScan.scan(Operation.EMBEDDINGS, json("{\"model\":\"e\",\"input\":\"客户手机 13812345678\"}"), redactor))
                .extracting(Finding::text).containsExactly("13812345678");
        assertThat(PromptScan.scan(Operation.EMBEDDINGS,
                json("{\"model\":\"e\",\"input\":[\"a@example.com\",\"nothing here\",\"" + ChatBodies.ID + "\"]}"), redactor))
                .extracting(Finding::kind).containsExactly(PiiKind.EMAIL, PiiKind.ID_NUMBER);
        assertThat(PromptScan.scan(Operation.EMBEDDINGS, json("{\"model\":\"e\",\"input\":[13812345678, 440305]}"), redactor)).isEmpty();
        assertThat(PromptScan.scan(Operation.EMBEDDINGS, json("{\"model\":\"e\",\"input\":[[13812345678]]}"), redactor)).isEmpty();
    }

    @Test
    void should_find_configured_names_and_treat_unparseable_tool_arguments_as_text() {
        Redactor withNames = PersonalDataDetectors.from(new PersonalDataConfig(List.of("张伟", " "), false, true, 0.8));
        ObjectNode body = json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"我是张伟\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"f\",\"arguments\":\"phone=13812345678 (not JSON\"}}]}]}");

        assertThat(PromptScan.scan(Operation.CHAT, body, withNames)).extracting(Finding::kind)
                .containsExactly(PiiKind.NAME, PiiKind.PHONE);
    }

    @Test
    void should_survive_bodies_with_odd_shapes() {
        assertThat(PromptScan.scan(Operation.CHAT, json("{\"messages\":\"not a list\"}"), redactor)).isEmpty();
        assertThat(PromptScan.scan(Operation.CHAT, json("{\"messages\":[1, null, {\"content\":42},"
                + "{\"content\":[{\"type\":\"text\"},{\"type\":\"text\",\"text\":7}]},{\"tool_calls\":[{\"function\":{\"arguments\":5}}]}]}"),
                redactor)).isEmpty();
        assertThat(PromptScan.scan(Operation.EMBEDDINGS, json("{}"), redactor)).isEmpty();
        assertThat(PromptScan.scan(Operation.CHAT, null, redactor)).isEmpty();
    }
}
