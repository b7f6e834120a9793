package dev.gatehouse.policy.geo;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {
    private static final InetAddress PROXY = IpLiteral.parse("10.0.0.5");
    private static final ClientAddress BEHIND_PROXIES = ClientAddress.parse(List.of("10.0.0.0/8", "2001:db8:100::/48", "192.0.2.7"));

    @ParameterizedTest(name = "X-Forwarded-For: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9                              | 203.0.113.9",
            "198.51.100.1, 203.0.113.9                | 203.0.113.9",   // the client's own entry on the left is ignored
            "203.0.113.9, 10.1.1.1                    | 203.0.113.9",   // a second trusted hop is skipped
            "203.0.113.9, 192.0.2.7, 10.1.1.1         | 203.0.113.9",
            "10.9.9.9, 10.1.1.1                       | 10.9.9.9",      // all trusted: the furthest hop
            "not-an-ip, 203.0.113.9                   | 203.0.113.9",   // junk left of the client is never read
            "203.0.113.9, garbage                     | 10.0.0.5",      // junk written where a proxy writes: the peer
            "203.0.113.9,                             | 10.0.0.5",
            "203.0.113.9:51234                        | 203.0.113.9",   // a port, as some proxies add
            "[2001:db8:1::7]:443                      | 2001:db8:1::7",
            "2001:db8:1::7, 2001:db8:100::1           | 2001:db8:1::7",
            "example.com                              | 10.0.0.5",      // never a DNS lookup
            "'::ffff:203.0.113.9'                     | 203.0.113.9"})
    void should_take_the_right_most_untrusted_forwarded_address(String header, String expected) {
        assertThat(BEHIND_PROXIES.fromForwarded(PROXY, List.of(header))).isEqualTo(IpLiteral.parse(expected));
    }

    @Test
    void should_read_repeated_headers_in_order_and_fall_back_to_the_peer_without_one() {
        assertThat(BEHIND_PROXIES.fromForwarded(PROXY, List.of("198.51.100.1", "203.0.113.9, 10.1.1.1")))
                .isEqualTo(IpLiteral.parse("203.0.113.9"));
        assertThat(BEHIND_PROXIES.fromForwarded(PROXY, List.of("203.0.113.9", "10.1.1.1"))).isEqualTo(IpLiteral.parse("203.0.113.9"));
        assertThat(BEHIND_PROXIES.fromForwarded(PROXY, List.of())).isEqualTo(PROXY);
    }

    @Test
    void should_match_ranges_by_prefix_for_both_families() {
        assertThat(BEHIND_PROXIES.trusts(IpLiteral.parse("10.255.255.255"))).isTrue();
        assertThat(BEHIND_PROXIES.trusts(IpLiteral.parse("11.0.0.0"))).isFalse();
        assertThat(BEHIND_PROXIES.trusts(IpLiteral.parse("192.0.2.7"))).isTrue();
        assertThat(BEHIND_PROXIES.trusts(IpLiteral.parse("192.0.2.8"))).isFalse();
        assertThat(BEHIND_PROXIES.trusts(IpLiteral.parse("2001:db8:100:ffff::1"))).isTrue();
        assertThat(BEHIND_PROXIES.trusts(IpLiteral.parse("2001:db8:101::1"))).isFalse();
        ClientAddress odd = ClientAddress.parse(List.of("172.16.0.0/12", "::ffff:100.64.0.0/106", "0.0.0.0/0"));
        assertThat(odd.trustedRanges()).containsExactly("172.16.0.0/12", "100.64.0.0/10", "0.0.0.0/0");
        assertThat(ClientAddress.parse(List.of("172.31.0.0/12")).trusts(IpLiteral.parse("172.16.0.1"))).as("host bits ignored").isTrue();
    }

    @Test
    void should_refuse_an_entry_that_is_no_address_or_range_naming_it() {
        for (String bad : List.of("10.0.0.0/33", "proxy.internal", "10.0.0/8", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1", "")) {
            assertThatThrownBy(() -> ClientAddress.parse(List.of("10.0.0.0/8", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("policy.trusted_proxies: '" + bad + "' is not an IP address or CIDR range");
        }
    }

    @Test
    void should_use_the_header_only_from_a_trusted_peer_over_a_real_connection() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ClientAddress trustLoopback = ClientAddress.parse(List.of("127.0.0.0/8"));
            ClientAddress trustNobody = ClientAddress.parse(null);
            HttpServer server = vertx.createHttpServer().requestHandler(req -> req.response().end(
                    trustLoopback.clientOf(req).getHostAddress() + " " + trustNobody.clientOf(req).getHostAddress()));
            int port = server.listen(0, "127.0.0.1").await().actualPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("X-Forwarded-For", "198.51.100.1, 203.0.113.9").timeout(Duration.ofSeconds(10)).build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("203.0.113.9 127.0.0.1");
            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(10)).build();
            assertThat(http.send(plain, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("127.0.0.1 127.0.0.1");
        } finally {
            vertx.close().await();
        }
    }
}
