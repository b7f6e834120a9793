package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.crypto.Sha256;
import dev.gatehouse.metering.TokenCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.simulator.SimHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

class TencentTest {
    private static final SimHarness H = new SimHarness(SimulatorOptions.defaults().withTencentCredentials("AKIDsim", "sim-key-123"));
    private static final String CHAT = "{\"Model\":\"hunyuan-turbo\",\"Messages\":[{\"Role\":\"user\",\"Content\":\"Introduce Shenzhen briefly please\"}],\"Stream\":%s}";

    @AfterAll
    static void stop() {
        H.close();
    }

    /** Signs as Tencent documents it: content-type, host and x-tc-action, in that (sorted) order. */
    private static Map<String, String> signed(String action, String body, String secretId, String secretKey, long timestamp) {
        String host = "127.0.0.1:" + H.sim.port();
        String contentType = "application/json; charset=utf-8";
        String canonicalHeaders = "content-type:" + contentType + "\nhost:" + host + "\nx-tc-action:" + action.toLowerCase() + "\n";
        String signedHeaders = "content-type;host;x-tc-action";
        String canonical = Tc3Verifier.canonicalRequest("POST", "/", "", canonicalHeaders, signedHeaders, body.getBytes(StandardCharsets.UTF_8));
        String date = Tc3Verifier.date(timestamp);
        String signature = Tc3Verifier.signature(secretKey, date, "hunyuan", Tc3Verifier.stringToSign(timestamp, date, "hunyuan", canonical));
        Map<String, String> h = new HashMap<>();
        h.put("content-type", contentType);
        h.put("x-tc-action", action);
        h.put("x-tc-version", "2023-09-01");
        h.put("x-tc-region", "ap-guangzhou");
        h.put("x-tc-timestamp", String.valueOf(timestamp));
        h.put("authorization", Tc3Verifier.authorization(secretId, date, "hunyuan", signedHeaders, signature));
        return h;
    }

    private static Map<String, String> signed(String action, String body) {
        return signed(action, body, "AKIDsim", "sim-key-123", Instant.now().getEpochSecond());
    }

    @Test
    void should_match_tencents_published_worked_example() {
        // Tencent's signature v3 documentation: DescribeInstances on cvm at timestamp 1551113065
        String payload = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";
        String canonical = Tc3Verifier.canonicalRequest("POST", "/", "",
                "content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n",
                "content-type;host;x-tc-action", payload.getBytes(StandardCharsets.UTF_8));
        assertThat(Sha256.hex(payload.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        assertThat(Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
        assertThat(Tc3Verifier.stringToSign(1551113065, Tc3Verifier.date(1551113065), "cvm", canonical)).isEqualTo(
                "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
    }

    @Test
    void should_answer_a_signed_chat_completion_in_pascal_case_with_exact_usage() {
        String body = CHAT.formatted("false");
        SimHarness.Response r = H.post("/", signed("ChatCompletions", body), body);
        assertThat(r.status()).isEqualTo(200);
        JsonNode resp = r.json().get("Response");
        assertThat(resp.has("Error")).as(r.body()).isFalse();
        String content = resp.at("/Choices/0/Message/Content").asText();
        assertThat(content).startsWith("Simulated reply to: Introduce Shenzhen briefly please");
        assertThat(resp.at("/Choices/0/Message/Role").asText()).isEqualTo("assistant");
        assertThat(resp.at("/Choices/0/FinishReason").asText()).isEqualTo("stop");
        assertThat(resp.at("/Usage/CompletionTokens").asInt()).isEqualTo(TokenCounter.standard().count(content));
        assertThat(resp.at("/Usage/TotalTokens").asInt()).isEqualTo(resp.at("/Usage/PromptTokens").asInt() + resp.at("/Usage/CompletionTokens").asInt());
        assertThat(resp.get("RequestId").asText()).isNotBlank();
        assertThat(H.sim.stats().byModel()).containsKey("hunyuan-turbo");
    }

    @Test
    void should_stream_pascal_case_deltas_with_running_usage_and_a_final_stop() {
        String body = CHAT.formatted("true");
        SimHarness.Streamed s = H.stream("/", signed("ChatCompletions", body), json(body));
        assertThat(s.headers().get("content-type")).startsWith("text/event-stream");
        List<JsonNode> events = s.jsonEvents();
        assertThat(events).hasSize(s.events().size()); // no [DONE] line
        StringBuilder content = new StringBuilder();
        events.forEach(e -> content.append(e.at("/Choices/0/Delta/Content").asText()));
        assertThat(content.toString()).startsWith("Simulated reply to: Introduce");
        assertThat(events).extracting(e -> e.get("Id").asText()).containsOnly(events.get(0).get("Id").asText());
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.at("/Choices/0/FinishReason").asText()).isEqualTo("stop");
        assertThat(last.at("/Usage/CompletionTokens").asInt()).isEqualTo(12);
        assertThat(events.get(0).at("/Choices/0/FinishReason").asText()).isEmpty();
    }

    @Test
    void should_embed_input_and_input_list() {
        String body = "{\"InputList\":[\"one\",\"two\"]}";
        JsonNode resp = H.post("/", signed("GetEmbedding", body), body).json().get("Response");
        assertThat(resp.get("Data")).hasSize(2);
        assertThat(resp.at("/Data/1/Index").asInt()).isEqualTo(1);
        assertThat(resp.at("/Data/0/Object").asText()).isEqualTo("embedding");
        assertThat(resp.at("/Data/0/Embedding")).hasSize(8);
        assertThat(resp.at("/Usage/TotalTokens").asInt()).isEqualTo(2);
        String single = "{\"Input\":\"one\"}";
        assertThat(H.post("/", signed("GetEmbedding", single), single).json().at("/Response/Data/0/Embedding"))
                .isEqualTo(resp.at("/Data/0/Embedding"));
    }

    @Test
    void should_refuse_a_bad_signature_with_http_200_and_tencents_error() {
        String body = CHAT.formatted("false");
        Map<String, String> headers = signed("ChatCompletions", body, "AKIDsim", "wrong-key", Instant.now().getEpochSecond());
        SimHarness.Response r = H.post("/", headers, body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/Response/Error/Code").asText()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(r.json().at("/Response/RequestId").asText()).isNotBlank();
        assertThat(H.sim.stats().completed()).isZero();
    }

    @Test
    void should_refuse_a_body_changed_after_signing() {
        Map<String, String> headers = signed("ChatCompletions", CHAT.formatted("false"));
        SimHarness.Response r = H.post("/", headers, CHAT.formatted("false").replace("Shenzhen", "Shanghai"));
        assertThat(r.json().at("/Response/Error/Code").asText()).isEqualTo("AuthFailure.SignatureFailure");
    }

    @Test
    void should_refuse_an_unknown_secret_id_and_a_stale_timestamp() {
        String body = CHAT.formatted("false");
        assertThat(H.post("/", signed("ChatCompletions", body, "AKIDother", "sim-key-123", Instant.now().getEpochSecond()), body)
                .json().at("/Response/Error/Code").asText()).isEqualTo("AuthFailure.SecretIdNotFound");
        assertThat(H.post("/", signed("ChatCompletions", body, "AKIDsim", "sim-key-123", Instant.now().getEpochSecond() - 3600), body)
                .json().at("/Response/Error/Code").asText()).isEqualTo("AuthFailure.SignatureExpire");
    }

    @Test
    void should_verify_with_the_documented_header_rules() {
        // values are lower-cased and trimmed, names sorted: a signer that sends " ChatCompletions " must still verify
        long ts = 1_700_000_000L;
        Tc3Verifier verifier = new Tc3Verifier("id", "key", "hunyuan", Clock.fixed(Instant.ofEpochSecond(ts), ZoneOffset.UTC));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String canonical = Tc3Verifier.canonicalRequest("POST", "/", "", "content-type:application/json\nhost:h\nx-tc-action:chatcompletions\n",
                "content-type;host;x-tc-action", body);
        String date = Tc3Verifier.date(ts);
        String auth = Tc3Verifier.authorization("id", date, "hunyuan", "content-type;host;x-tc-action",
                Tc3Verifier.signature("key", date, "hunyuan", Tc3Verifier.stringToSign(ts, date, "hunyuan", canonical)));
        Map<String, String> headers = Map.of("authorization", auth, "x-tc-timestamp", String.valueOf(ts),
                "content-type", "application/json", "host", "h", "x-tc-action", " ChatCompletions ");
        assertThat(verifier.verify("POST", "/", "", headers::get, body)).isInstanceOf(Tc3Verifier.Verdict.Valid.class);
        Map<String, String> noAction = new HashMap<>(headers);
        noAction.remove("x-tc-action");
        assertThat(verifier.verify("POST", "/", "", noAction::get, body)).isInstanceOf(Tc3Verifier.Verdict.Invalid.class);
    }

    @Test
    void should_refuse_an_unsupported_version() {
        String body = CHAT.formatted("false");
        Map<String, String> headers = signed("ChatCompletions", body);
        headers.put("x-tc-version", "2017-03-12");
        assertThat(H.post("/", headers, body).json().at("/Response/Error/Code").asText()).isEqualTo("NoSuchVersion");
    }
}
