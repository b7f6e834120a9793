package dev.gatehouse.policy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingScannerTest {
    private final Redactor redactor = new Redactor(PiiDetector.defaults());

    private List<Finding> scanInChunks(String text, int chunkSize) {
        StreamingScanner scanner = new StreamingScanner(redactor);
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += chunkSize) {
            out.addAll(scanner.accept(text.substring(i, Math.min(text.length(), i + chunkSize))));
        }
        out.addAll(scanner.finish());
        return out;
    }

    @Test
    void should_find_the_same_as_a_whole_text_scan_for_every_chunk_size() {
        String filler = "这是一段很长的回答，没有个人信息。".repeat(30);
        String text = filler + "电话13812345678，" + filler + "身份证310115198511204566 邮箱 jane@example.com"
                + filler + "卡 4111 1111 1111 1111 末尾 IP 10.1.2.3";
        List<Finding> whole = redactor.scan(text);
        assertThat(whole).hasSize(5);
        for (int size : new int[] {1, 2, 3, 7, 16, 100, 1000, text.length()}) {
            assertThat(scanInChunks(text, size)).as("chunk size %d", size).isEqualTo(whole);
        }
    }

    @Test
    void should_not_report_a_prefix_of_a_longer_digit_run_split_across_chunks() {
        StreamingScanner scanner = new StreamingScanner(redactor);
        assertThat(scanner.accept("order 13812345678")).isEmpty();
        assertThat(scanner.accept("9 shipped")).isEmpty();
        assertThat(scanner.finish()).isEmpty();
    }

    @Test
    void should_report_offsets_in_the_whole_stream() {
        String prefix = "x".repeat(1000);
        List<Finding> found = scanInChunks(prefix + " a@example.com", 5);
        assertThat(found).containsExactly(new Finding(PiiKind.EMAIL, 1001, 1014, "a@example.com"));
    }
}
