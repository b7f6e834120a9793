package dev.gatehouse.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail keeps a decision as JSON, and the reports read it back: every field must survive the trip. */
class DecisionRecordTest {

    static Stream<DecisionRecord> records() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("email", 2);
        counts.put("cn_phone", 1);
        Map<String, Integer> withNull = new LinkedHashMap<>();
        withNull.put("passport", null);
        return Stream.of(
                // an allowed request as the gateway logs it
                new DecisionRecord("req_01JD8Z6M3Q7X4T2V9K5N8B1C0A", "allow", null, "chat", "key_bench", "cus_0001", "DE",
                        "127.0.0.1", null, List.of(), List.of(), null, "up/gpt-4o-mini", 200, null, null),
                // a denial, narrowed and redacted, with the request body logged and response counts
                new DecisionRecord("req_2", "policy.pipl_export", "pipl_export", "chat", "key_1", "cus_2", "CN", "2001:db8::1",
                        "CN", List.of("residency:openai/gpt-4o", "regions:azure/gpt-4o"), List.of("cn_id", "cn_phone"),
                        "Personal data of PRC residents may not leave China", null, 403,
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"line1\\nline2 \\\"quoted\\\" \\u0001\"}]}", counts),
                // everything null that can be
                new DecisionRecord(null, null, null, null, null, null, null, null, null, null, null, null, null, 0, null, withNull),
                // text that JSON must escape, and characters outside ASCII and the BMP
                new DecisionRecord("req_\"3\"", "allow", null, "路由\t1", "key_\\", "cus_</script>", "CN", "10.0.0.1", "HK",
                        Arrays.asList("a", null), List.of("名字 😀"), "\u2028 line separator", "p/m", 599, "", Map.of()));
    }

    @ParameterizedTest
    @MethodSource("records")
    void should_read_back_equal(DecisionRecord r) {
        assertThat(DecisionRecord.fromJson(r.toJson())).isEqualTo(r);
    }

    @Test
    void should_leave_out_the_fields_that_are_null() {
        DecisionRecord allowed = new DecisionRecord("req_1", "allow", null, "chat", "key_1", "cus_1", "DE", "127.0.0.1", null,
                List.of(), List.of(), null, "up/gpt-4o-mini", 200, null, null);
        assertThat(allowed.toJson()).isEqualTo("{\"request_id\":\"req_1\",\"code\":\"allow\",\"route\":\"chat\",\"key_id\":\"key_1\","
                + "\"customer_id\":\"cus_1\",\"customer_country\":\"DE\",\"client_ip\":\"127.0.0.1\",\"narrowed_by\":[],"
                + "\"redacted\":[],\"served_by\":\"up/gpt-4o-mini\",\"status\":200}");
    }

    @Test
    void should_read_an_entry_written_with_its_nulls_spelled_out() {
        String before = "{\"request_id\":\"req_1\",\"code\":\"allow\",\"rule\":null,\"route\":\"chat\",\"key_id\":\"key_1\","
                + "\"customer_id\":\"cus_1\",\"customer_country\":\"DE\",\"client_ip\":\"127.0.0.1\",\"client_country\":null,"
                + "\"narrowed_by\":[],\"redacted\":[],\"message\":null,\"served_by\":\"up/gpt-4o-mini\",\"status\":200,"
                + "\"content\":null,\"response_personal_data\":null}";
        assertThat(DecisionRecord.fromJson(before)).isEqualTo(new DecisionRecord("req_1", "allow", null, "chat", "key_1", "cus_1",
                "DE", "127.0.0.1", null, List.of(), List.of(), null, "up/gpt-4o-mini", 200, null, null));
    }
}
