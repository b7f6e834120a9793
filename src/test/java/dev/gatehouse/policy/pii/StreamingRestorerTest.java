package dev.gatehouse.policy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingRestorerTest {
    private final RedactionMap map = new RedactionMap(Map.of(
            "[PHONE_1]", "13812345678",
            "[ID_NUMBER_12]", "310115198511204566"));

    private String stream(List<String> chunks) {
        StreamingRestorer restorer = map.streamingRestorer();
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks) {
            out.append(restorer.accept(chunk));
            assertThat(restorer.heldBack()).isLessThanOrEqualTo(map.maxPlaceholderLength());
        }
        return out.append(restorer.finish()).toString();
    }

    @Test
    void should_restore_a_placeholder_split_at_every_position() {
        String response = "号码是[ID_NUMBER_12]，电话[PHONE_1]。";
        String expected = "号码是310115198511204566，电话13812345678。";
        for (int a = 0; a <= response.length(); a++) {
            for (int b = a; b <= response.length(); b++) {
                List<String> chunks = List.of(response.substring(0, a), response.substring(a, b), response.substring(b));
                assertThat(stream(chunks)).as("split at %d and %d", a, b).isEqualTo(expected);
            }
        }
    }

    @Test
    void should_restore_a_placeholder_arriving_one_character_at_a_time() {
        String response = "[PHONE_1][PHONE_1]x[ID_NUMBER_12]";
        List<String> chars = response.chars().mapToObj(c -> String.valueOf((char) c)).toList();
        assertThat(stream(chars)).isEqualTo("1381234567813812345678x310115198511204566");
    }

    @Test
    void should_emit_text_immediately_when_it_cannot_start_a_placeholder() {
        StreamingRestorer restorer = map.streamingRestorer();
        assertThat(restorer.accept("Hello ")).isEqualTo("Hello ");
        assertThat(restorer.accept("see [1] and [PH")).isEqualTo("see [1] and ");
        assertThat(restorer.heldBack()).isEqualTo(3);
        assertThat(restorer.accept("ONE_1] done")).isEqualTo("13812345678 done");
        assertThat(restorer.finish()).isEmpty();
    }

    @Test
    void should_release_a_partial_placeholder_unchanged_at_the_end() {
        StreamingRestorer restorer = map.streamingRestorer();
        assertThat(restorer.accept("truncated [PHONE_")).isEqualTo("truncated ");
        assertThat(restorer.finish()).isEqualTo("[PHONE_");
    }

    @Test
    void should_pass_unknown_placeholders_and_brackets_through() {
        assertThat(stream(List.of("[[PHONE_1]] [PHONE_2] [PHONE_1", "0] [ID_NUMBER_1]"))).isEqualTo("[13812345678] [PHONE_2] [PHONE_10] [ID_NUMBER_1]");
    }

    @Test
    void should_pass_everything_through_when_nothing_was_redacted() {
        StreamingRestorer restorer = RedactionMap.empty().streamingRestorer();
        assertThat(restorer.accept("[PHONE_")).isEqualTo("[PHONE_");
        assertThat(restorer.finish()).isEmpty();
    }
}
