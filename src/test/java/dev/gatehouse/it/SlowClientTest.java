package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.RawHttp;
import dev.gatehouse.testkit.HttpResult;
import dev.gatehouse.testkit.SseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that reads a long stream slowly, through a tiny receive buffer: the gateway must hold
 * the upstream back (its idle timeout, 300 ms here, does not count a paused client) and deliver
 * every chunk in order.
 */
class SlowClientTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withConfig("it/faults.yaml");

    private static final int TOKENS = 3000;

    @Test
    void should_deliver_a_long_stream_completely_to_a_client_that_reads_slowly() throws IOException {
        gw.simulator().replyTokens(TOKENS); // a long natural reply, one chunk per token
        String body = "{\"model\":\"slow-reader\",\"stream\":true,\"max_tokens\":" + TOKENS
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Write a long story\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        HttpResult r;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(1024); // before connecting, so the window is small from the start
            socket.connect(new InetSocketAddress("127.0.0.1", gw.port()));
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + GatewayHarness.KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            r = RawHttp.read(new Dawdling(socket.getInputStream()));
        }

        assertThat(r.status()).isEqualTo(200);
        List<String> data = SseResult.dataOf(r.body());
        SseResult sse = new SseResult(r.status(), r.header("content-type"), r.body(), data);
        assertThat(sse.endsWithDone()).as("the stream ended properly").isTrue();
        List<JsonNode> events = sse.events();
        assertThat(events).noneMatch(e -> e.has("error"));
        long contentChunks = events.stream().filter(e -> e.path("choices").path(0).path("delta").path("content").asText("").length() > 0).count();
        assertThat(contentChunks).as("one chunk per token").isEqualTo(TOKENS);
        assertThat(events.stream().map(e -> e.path("id").asText()).distinct()).hasSize(1);
        assertThat(gw.callsFor("long-story-backup")).as("no failover happened").isEmpty();
    }

    /** Reads at most 512 bytes at a time and pauses a little between reads. */
    private static final class Dawdling extends FilterInputStream {
        private long reads;

        Dawdling(InputStream in) { super(in); }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (++reads % 8 == 0) LockSupport.parkNanos(2_000_000); // a slow reader, not a wait for a condition
            return super.read(b, off, Math.min(len, 512));
        }

        @Override
        public int read() throws IOException {
            if (++reads % 4096 == 0) LockSupport.parkNanos(2_000_000);
            return super.read();
        }
    }
}
