package dev.gatehouse.providers.tencent;

import dev.gatehouse.providers.tencent.Tc3Signer.SignedHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tencent's worked example from "Signature v3" (CVM DescribeInstances, ap-guangzhou, timestamp
 * 1551113065). The payload is the documented one byte for byte: Python's json.dumps output with the
 * name escaped as \\u672a\\u547d\\u540d. Documented intermediate values: payload hash 35e9c5b0...,
 * canonical request hash 5ffe6a04... (content-type;host) and 7019a55b... (content-type;host;x-tc-action,
 * the current docs), and for the unmasked example key the signature 72e494ea...96525168.
 */
class Tc3SignerTest {
    private static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    private static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private static final Clock AT_EXAMPLE_TIME = Clock.fixed(Instant.ofEpochSecond(1551113065L), ZoneOffset.UTC);
    private static final byte[] PAYLOAD = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void should_reproduce_the_documented_signature_of_the_describe_instances_example() {
        Tc3Signer signer = new Tc3Signer(SECRET_ID, SECRET_KEY, "cvm", AT_EXAMPLE_TIME, SignedHeaders.CONTENT_TYPE_AND_HOST);

        Tc3Signer.Signature s = signer.sign("cvm.tencentcloudapi.com", "DescribeInstances", PAYLOAD);

        assertThat(s.canonicalRequest()).isEqualTo("""
                POST
                /

                content-type:application/json; charset=utf-8
                host:cvm.tencentcloudapi.com

                content-type;host
                35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064""");
        assertThat(s.stringToSign()).isEqualTo("""
                TC3-HMAC-SHA256
                1551113065
                2019-02-25/cvm/tc3_request
                5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031""");
        assertThat(s.authorization()).isEqualTo("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
                + "/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, "
                + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
        assertThat(s.timestamp()).isEqualTo(1551113065L);
    }

    @Test
    void should_sign_the_action_header_as_the_current_documentation_does() {
        Tc3Signer signer = new Tc3Signer(SECRET_ID, SECRET_KEY, "cvm", AT_EXAMPLE_TIME, SignedHeaders.CONTENT_TYPE_HOST_AND_ACTION);

        Tc3Signer.Signature s = signer.sign("cvm.tencentcloudapi.com", "DescribeInstances", PAYLOAD);

        assertThat(s.canonicalRequest()).contains("host:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\n"
                + "content-type;host;x-tc-action\n");
        // the documented hash of this canonical request
        assertThat(s.stringToSign()).endsWith("\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
        // The current docs mask the key, so their signature cannot be reproduced. This value was derived
        // independently with OpenSSL 3, step by step, from the documented canonical request:
        //   K1=$(printf %s 2019-02-25 | openssl dgst -sha256 -hmac "TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE" -hex)
        //   K2=$(printf %s cvm | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K1 -hex)
        //   K3=$(printf %s tc3_request | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K2 -hex)
        //   printf 'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55b...' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K3 -hex
        assertThat(s.authorization()).isEqualTo("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
                + "/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, "
                + "Signature=644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26");
    }

    @Test
    void should_take_the_scope_date_in_utc_even_when_the_clock_zone_is_not_utc() {
        // 1551113065 is 2019-02-26 00:44:25 in UTC+8; the documented scope date is still 2019-02-25
        Clock shanghai = Clock.fixed(Instant.ofEpochSecond(1551113065L), ZoneId.of("Asia/Shanghai"));
        Tc3Signer signer = new Tc3Signer(SECRET_ID, SECRET_KEY, "hunyuan", shanghai, SignedHeaders.CONTENT_TYPE_HOST_AND_ACTION);

        assertThat(signer.sign("hunyuan.tencentcloudapi.com", "ChatCompletions", new byte[0]).authorization())
                .contains("Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/hunyuan/tc3_request,");
    }

    @Test
    void should_change_the_signature_when_a_single_payload_byte_changes() {
        Tc3Signer signer = new Tc3Signer(SECRET_ID, SECRET_KEY, "hunyuan", AT_EXAMPLE_TIME, SignedHeaders.CONTENT_TYPE_HOST_AND_ACTION);

        String a = signer.sign("127.0.0.1:8080", "ChatCompletions", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)).signature();
        String b = signer.sign("127.0.0.1:8080", "ChatCompletions", "{\"a\":2}".getBytes(StandardCharsets.UTF_8)).signature();

        assertThat(a).hasSize(64).isNotEqualTo(b);
    }
}
