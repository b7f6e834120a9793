package dev.gatehouse.policy.pii;

import static dev.gatehouse.policy.pii.DetectorAssertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressTest {
    private final IpAddress detector = new IpAddress();

    @Test
    void should_find_ipv4_in_chinese_and_english_sentences() {
        assertThat(found(detector, "服务器地址为192.168.1.10，备用10.0.0.255。")).containsExactly("192.168.1.10", "10.0.0.255");
        assertThat(found(detector, "The client 203.0.113.7 connected.")).containsExactly("203.0.113.7");
    }

    @Test
    void should_not_flag_version_strings_or_out_of_range_octets() {
        assertThat(found(detector, "version 1.2.3.4.5")).isEmpty();
        assertThat(found(detector, "999.1.1.1 and 1.1.1.256 and 01.2.3.4")).isEmpty();
        assertThat(found(detector, "v1.2.3.4")).isEmpty();
    }

    @Test
    void should_find_ipv6_in_its_text_forms() {
        assertThat(found(detector, "from 2001:db8:85a3:0:0:8a2e:370:7334 and 2001:db8::1 via ::ffff:192.0.2.1."))
                .containsExactly("2001:db8:85a3:0:0:8a2e:370:7334", "2001:db8::1", "::ffff:192.0.2.1");
    }

    @Test
    void should_not_flag_clock_times_or_scope_operators_as_ipv6() {
        assertThat(found(detector, "at 12:30:45 call a::b or std::vector, loopback ::1")).isEmpty();
        assertThat(found(detector, "MAC 00:1A:2B:3C:4D:5E, separator ::")).isEmpty();
    }

    @Test
    void should_reject_malformed_ipv6() {
        assertThat(IpAddress.isIpv6("2001:db8::1::2")).isFalse();
        assertThat(IpAddress.isIpv6("2001:db8:0:0:0:0:0:0:1")).isFalse();
        assertThat(IpAddress.isIpv6("12345::1:2")).isFalse();
        assertThat(IpAddress.isIpv6("fe80::1:2")).isTrue();
    }
}
