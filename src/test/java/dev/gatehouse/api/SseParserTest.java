package dev.gatehouse.api;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseParserTest {

    /** One dispatched event, as the listener saw it. */
    record Event(String type, String data) {}

    private final List<Event> events = new ArrayList<>();
    private final SseParser parser = new SseParser((type, data) -> events.add(new Event(type, data)), 64 * 1024);

    private void feed(String text) {
        parser.feed(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String TWO_EVENTS_LF = "data: {\"a\":1}\n\nevent: ping\ndata: second\n\n";

    private static final List<Event> TWO_EVENTS = List.of(new Event(null, "{\"a\":1}"), new Event("ping", "second"));

    @Test
    void should_dispatch_events_separated_by_lf() {
        feed(TWO_EVENTS_LF);

        assertThat(events).containsExactlyElementsOf(TWO_EVENTS);
    }

    @Test
    void should_dispatch_events_separated_by_crlf() {
        feed(TWO_EVENTS_LF.replace("\n", "\r\n"));

        assertThat(events).containsExactlyElementsOf(TWO_EVENTS);
    }

    @Test
    void should_dispatch_events_separated_by_cr_alone() {
        feed(TWO_EVENTS_LF.replace("\n", "\r"));

        assertThat(events).containsExactlyElementsOf(TWO_EVENTS);
    }

    @Test
    void should_read_only_the_bytes_of_a_buffer_that_is_a_slice_of_a_larger_one() {
        Buffer whole = Buffer.buffer("data: before\n\n" + TWO_EVENTS_LF + "data: after\n\n");
        int from = "data: before\n\n".length();

        parser.feed(whole.slice(from, from + TWO_EVENTS_LF.length()));

        assertThat(events).containsExactlyElementsOf(TWO_EVENTS);
    }

    @Test
    void should_treat_a_crlf_split_between_two_buffers_as_one_line_ending() {
        feed("data: x\r");
        feed("\n");
        feed("data: y\r\n\r\n");

        assertThat(events).containsExactly(new Event(null, "x\ny"));
    }

    @Test
    void should_produce_the_same_events_whatever_byte_the_stream_is_split_at() {
        String stream = ": keep-alive\r\nevent: delta\r\ndata: héllo 你好 🙂\r\ndata: line2\r\n\r\n"
                + "data: [DONE]\n\ndata: tail\rdata: more\r\r";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<Event> expected = List.of(new Event("delta", "héllo 你好 🙂\nline2"), new Event(null, "[DONE]"),
                new Event(null, "tail\nmore"));

        for (int split = 0; split <= bytes.length; split++) {
            events.clear();
            SseParser p = new SseParser((type, data) -> events.add(new Event(type, data)), 64 * 1024);
            p.feed(Buffer.buffer(Arrays.copyOfRange(bytes, 0, split)));
            p.feed(Buffer.buffer(Arrays.copyOfRange(bytes, split, bytes.length)));
            p.end();

            assertThat(events).as("split at byte %d", split).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void should_produce_the_same_events_when_fed_one_byte_at_a_time() {
        byte[] bytes = "event: a\r\ndata: 1\r\n\r\ndata: 2\n\n".getBytes(StandardCharsets.UTF_8);

        for (byte b : bytes) parser.feed(Buffer.buffer(new byte[] {b}));

        assertThat(events).containsExactly(new Event("a", "1"), new Event(null, "2"));
    }

    @Test
    void should_decode_a_multi_byte_utf8_character_split_across_buffers() {
        byte[] euro = "data: €\n\n".getBytes(StandardCharsets.UTF_8); // € is E2 82 AC
        int start = "data: ".length();

        parser.feed(Buffer.buffer(Arrays.copyOfRange(euro, 0, start + 1)));
        parser.feed(Buffer.buffer(Arrays.copyOfRange(euro, start + 1, start + 2)));
        parser.feed(Buffer.buffer(Arrays.copyOfRange(euro, start + 2, euro.length)));

        assertThat(events).containsExactly(new Event(null, "€"));
    }

    @Test
    void should_join_multiple_data_lines_with_newlines() {
        feed("data: first\ndata: second\ndata:third\ndata\n\n");

        assertThat(events).containsExactly(new Event(null, "first\nsecond\nthird\n"));
    }

    @Test
    void should_strip_only_one_space_after_the_colon() {
        feed("data:  two spaces\n\n");

        assertThat(events).containsExactly(new Event(null, " two spaces"));
    }

    @Test
    void should_report_the_event_type_only_for_the_event_it_precedes() {
        feed("event: message_start\ndata: {}\n\ndata: plain\n\n");

        assertThat(events).containsExactly(new Event("message_start", "{}"), new Event(null, "plain"));
    }

    @Test
    void should_ignore_comment_lines() {
        feed(": OPENROUTER PROCESSING\n\n:\ndata: x\n: between\ndata: y\n\n");

        assertThat(events).containsExactly(new Event(null, "x\ny"));
    }

    @Test
    void should_ignore_id_retry_and_unknown_fields() {
        feed("id: 42\nretry: 1000\nfoo: bar\ndata: payload\n\n");

        assertThat(events).containsExactly(new Event(null, "payload"));
    }

    @Test
    void should_not_dispatch_an_event_without_data() {
        feed("event: ping\n\nid: 7\n\n\n\n");

        assertThat(events).isEmpty();
    }

    @Test
    void should_not_carry_an_event_type_of_a_dataless_event_to_the_next_one() {
        feed("event: ping\n\ndata: x\n\n");

        assertThat(events).containsExactly(new Event(null, "x"));
    }

    @Test
    void should_hold_an_event_until_its_blank_line_arrives() {
        feed("data: pending\n");

        assertThat(events).isEmpty();

        feed("\n");

        assertThat(events).containsExactly(new Event(null, "pending"));
    }

    @Test
    void should_flush_an_event_without_its_blank_line_on_end() {
        feed("data: a\n\nevent: last\ndata: unterminated");

        parser.end();

        assertThat(events).containsExactly(new Event(null, "a"), new Event("last", "unterminated"));
    }

    @Test
    void should_dispatch_nothing_on_end_after_a_complete_stream() {
        feed("data: a\n\n");

        parser.end();

        assertThat(events).containsExactly(new Event(null, "a"));
    }

    @Test
    void should_reject_an_event_larger_than_the_limit() {
        SseParser small = new SseParser((type, data) -> events.add(new Event(type, data)), 16);

        assertThatThrownBy(() -> small.feed(Buffer.buffer("data: 0123456789ABCDEF\n\n")))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE))
                .hasMessageContaining("16 bytes");
        assertThat(events).isEmpty();
    }

    @Test
    void should_reject_an_oversized_event_even_when_it_arrives_in_many_small_lines() {
        SseParser small = new SseParser((type, data) -> events.add(new Event(type, data)), 32);

        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) small.feed(Buffer.buffer("data: 12345\n"));
        }).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void should_count_the_limit_per_event_so_many_small_events_pass() {
        SseParser small = new SseParser((type, data) -> events.add(new Event(type, data)), 16);

        for (int i = 0; i < 100; i++) small.feed(Buffer.buffer("data: 0123456789\n\n"));

        assertThat(events).hasSize(100).allMatch(e -> e.data().equals("0123456789"));
    }
}
