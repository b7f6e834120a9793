package dev.gatehouse.policy.geo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lookups in the real ip-location-db database in ../shared, and in a GeoLite2-shaped one written here. */
class GeoIpTest {
    static final Path SHIPPED = Path.of("../shared/data/geo/geo-whois-asn-country.mmdb");
    private static GeoIp geo;

    @BeforeAll
    static void open() {
        geo = GeoIp.open(SHIPPED);
    }

    @AfterAll
    static void close() {
        geo.close();
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "8.8.8.8, US",                  // Google Public DNS
            "114.114.114.114, CN",          // 114DNS, Nanjing
            "202.96.134.133, CN",           // China Telecom Shenzhen DNS
            "5.160.0.1, IR",                // an Iranian allocation (checked in this database)
            "2.144.0.1, IR",
            "80.187.0.1, DE",               // Deutsche Telekom mobile
            "2001:4860:4860::8888, US",     // Google Public DNS over IPv6
            "240e::1, CN",                  // China Telecom IPv6
            "::ffff:8.8.8.8, US"})          // an IPv4-mapped address is its IPv4 address
    void should_name_the_country_of_a_public_address(String ip, String country) {
        assertThat(geo.country(IpLiteral.parse(ip))).isEqualTo(country);
    }

    @ParameterizedTest(name = "{0} names no place")
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.0.1", "100.64.0.1", "0.0.0.0",
            "192.0.2.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "2001:db8::1"})
    void should_answer_null_for_an_address_that_names_no_place(String ip) {
        assertThat(geo.country(IpLiteral.parse(ip))).isNull();
    }

    @Test
    void should_not_trust_the_database_for_private_ranges_it_happens_to_cover() {
        // the shipped database maps 192.168.1.1 into an Australian allocation; a private address has no country
        assertThat(GeoIp.routable(IpLiteral.parse("192.168.1.1"))).isFalse();
        assertThat(geo.country(IpLiteral.parse("192.168.1.1"))).isNull();
    }

    @Test
    void should_describe_the_database_and_credit_ip_location_db() {
        assertThat(geo.enabled()).isTrue();
        assertThat(geo.describe()).isEqualTo("geo-whois-asn-country.mmdb (country ipvAll, built 2026-06-17)");
        assertThat(geo.attribution()).isEqualTo("IP geolocation data by ip-location-db (geo-whois-asn-country), CC BY 4.0.");
    }

    @Test
    void should_know_no_country_when_off() {
        GeoIp off = GeoIp.off();
        assertThat(off.enabled()).isFalse();
        assertThat(off.country(IpLiteral.parse("8.8.8.8"))).isNull();
        assertThat(off.describe()).isEqualTo("off: no geo database configured (policy.geo_database)");
        assertThat(off.attribution()).isNull();
        off.close();
        assertThat(geo.country(null)).isNull();
    }

    @Test
    void should_read_maxmind_nested_country_records_and_skip_what_it_does_not_need(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("GeoLite2-Country.mmdb");
        new MmdbWriter("GeoLite2-Country")
                .network("81.0.0.0/8", Map.of("country", Map.of("iso_code", "DE", "names", Map.of("en", "Germany")),
                        "continent", Map.of("code", "EU")))
                .network("1.2.3.0/24", Map.of("registered_country", Map.of("iso_code", "AU")))
                .network("9.9.9.0/24", Map.of("country_code", "fr"))
                .write(file);
        try (GeoIp lite = GeoIp.open(file)) {
            assertThat(lite.country(IpLiteral.parse("81.20.30.40"))).isEqualTo("DE");
            assertThat(lite.country(IpLiteral.parse("1.2.3.4"))).as("no country, only a registered one").isNull();
            assertThat(lite.country(IpLiteral.parse("9.9.9.9"))).as("codes come back upper case").isEqualTo("FR");
            assertThat(lite.country(IpLiteral.parse("8.8.8.8"))).as("not in the database").isNull();
            assertThat(lite.country(IpLiteral.parse("2001:4860:4860::8888"))).as("IPv6 in an IPv4 database").isNull();
            assertThat(lite.describe()).isEqualTo("GeoLite2-Country.mmdb (GeoLite2-Country, built 2026-01-01)");
            assertThat(lite.attribution()).contains("GeoLite2 data created by MaxMind");
        }
    }

    @Test
    void should_refuse_a_missing_file_naming_it(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.mmdb");
        assertThatThrownBy(() -> GeoIp.open(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy.geo_database")
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> GeoIp.open(dir)).hasMessageContaining("is not a file");
    }

    @Test
    void should_refuse_a_file_that_is_not_a_maxmind_database_naming_it(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("countries.csv");
        Files.writeString(csv, "1.0.0.0,1.0.0.255,AU\n".repeat(100));
        assertThatThrownBy(() -> GeoIp.open(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(csv.toAbsolutePath().toString())
                .hasMessageContaining("is not a MaxMind-format (.mmdb) database");
    }
}
