package dev.gatehouse.api;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyBufferTest {

    @Test
    void should_keep_a_body_that_came_in_one_chunk_without_copying_it() {
        Buffer chunk = Buffer.buffer("{\"model\":\"m\"}");
        BodyBuffer body = new BodyBuffer();
        body.append(chunk);
        body.append(Buffer.buffer());
        assertThat(body.body()).isSameAs(chunk);
        assertThat(body.length()).isEqualTo(13);
    }

    @Test
    void should_join_every_chunk_in_order_whatever_their_sizes() {
        BodyBuffer body = new BodyBuffer();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String part = "chunk-" + i + "-".repeat(i % 17) + "ü";
            expected.append(part);
            body.append(Buffer.buffer(part));
        }
        assertThat(body.body().toString()).isEqualTo(expected.toString());
        assertThat(body.length()).isEqualTo(body.body().length());
    }

    @Test
    void should_give_an_empty_body_when_nothing_came() {
        assertThat(new BodyBuffer().body().length()).isZero();
    }
}
