package dev.gatehouse.policy.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * IP address to country from a MaxMind-format database (GeoLite2-Country, DB-IP Country Lite,
 * ip-location-db's country files, ...), or {@link #off()} when none is configured.
 * <p>
 * The whole file is read into memory at {@link #open} ({@link Reader.FileMode#MEMORY}), not mapped:
 * a memory-mapped lookup can page-fault into a disk read, which would block the event loop that
 * calls {@link #country}, and a mapped file replaced underneath a running gateway reads as garbage.
 * A country database is small (the shipped one is 7.8 MB; GeoLite2-Country about 9 MB), so the
 * heap cost is bounded. The reader's cache ({@link CHMCache}) keeps each decoded record by its
 * offset: a country database has a few hundred distinct records, so after warm-up a lookup is a
 * walk down the search tree and a cache hit, with no decoding.
 * <p>
 * Both record layouts are read: ip-location-db's flat {@code country_code} and MaxMind's nested
 * {@code country.iso_code}. Addresses that name no place (loopback, private, link-local, CGNAT,
 * unique-local, multicast, documentation ranges) answer null without a lookup, because some
 * databases cover them with a registry's allocation (the shipped one maps 192.168.1.1 to AU).
 */
public final class GeoIp implements AutoCloseable {
    private static final GeoIp OFF = new GeoIp(null, null, null);
    static final String IP_LOCATION_DB_ATTRIBUTION =
            "IP geolocation data by ip-location-db (geo-whois-asn-country), CC BY 4.0.";

    private final Reader reader;
    private final String describe;
    private final String attribution;

    private GeoIp(Reader reader, String describe, String attribution) {
        this.reader = reader;
        this.describe = describe;
        this.attribution = attribution;
    }

    /**
     * Reads the database at {@code mmdb} into memory. Blocking: call at start-up or on a worker.
     *
     * @throws IllegalArgumentException naming the file when it is missing, unreadable or not a MaxMind DB
     */
    public static GeoIp open(Path mmdb) {
        if (!Files.isRegularFile(mmdb)) {
            throw new IllegalArgumentException("policy.geo_database: " + mmdb.toAbsolutePath() + " does not exist or is not a file");
        }
        if (!Files.isReadable(mmdb)) {
            throw new IllegalArgumentException("policy.geo_database: " + mmdb.toAbsolutePath() + " is not readable by the gateway");
        }
        Reader reader;
        try {
            reader = new Reader(mmdb.toFile(), Reader.FileMode.MEMORY, new CHMCache());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("policy.geo_database: " + mmdb.toAbsolutePath()
                    + " is not a MaxMind-format (.mmdb) database: " + e.getMessage(), e);
        }
        Metadata meta = reader.getMetadata();
        String name = mmdb.getFileName().toString();
        String type = meta.getDatabaseType();
        String built = meta.getBuildDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
        return new GeoIp(reader, name + " (" + type + ", built " + built + ")", attribution(name, type));
    }

    /** No database: every lookup is unknown, and {@link #describe} says geofencing is off. */
    public static GeoIp off() { return OFF; }

    public boolean enabled() { return reader != null; }

    /** What the gateway reports at start-up and in the explain endpoint. */
    public String describe() {
        return reader == null ? "off: no geo database configured (policy.geo_database)" : describe;
    }

    /** The credit the database's licence asks to show where its data is shown, or null when there is none to show. */
    public String attribution() { return attribution; }

    /**
     * The ISO 3166-1 alpha-2 country of {@code ip}, upper case; null when unknown (no database, an
     * address that names no place, or one the database does not cover). Never blocks.
     */
    public String country(InetAddress ip) {
        if (reader == null || ip == null || !routable(ip)) return null;
        CountryRecord r;
        try {
            r = reader.get(ip, CountryRecord.class);
        } catch (IOException | RuntimeException e) {
            return null; // a corrupt region of the file: unknown, as for an address it does not cover
        }
        return r == null ? null : r.code();
    }

    @Override
    public void close() {
        if (reader == null) return;
        try {
            reader.close();
        } catch (IOException ignored) {
            // memory mode holds no file handle after open; nothing to release
        }
    }

    /** Whether {@code ip} can name a place: not loopback, private, link-local, CGNAT, unique-local, multicast or documentation. */
    static boolean routable(InetAddress ip) {
        if (ip.isLoopbackAddress() || ip.isAnyLocalAddress() || ip.isLinkLocalAddress() || ip.isSiteLocalAddress()
                || ip.isMulticastAddress()) {
            return false;
        }
        byte[] a = ip.getAddress();
        if (ip instanceof Inet4Address) {
            int b0 = a[0] & 0xff, b1 = a[1] & 0xff, b2 = a[2] & 0xff;
            return !(b0 == 0 || (b0 == 100 && (b1 & 0xc0) == 64) // 0/8, CGNAT 100.64/10
                    || (b0 == 192 && b1 == 0 && b2 == 2) || (b0 == 198 && b1 == 51 && b2 == 100) // TEST-NET-1, -2
                    || (b0 == 203 && b1 == 0 && b2 == 113) || b0 >= 240); // TEST-NET-3, reserved and broadcast
        }
        if (ip instanceof Inet6Address) {
            int w0 = (a[0] & 0xff) << 8 | (a[1] & 0xff), w1 = (a[2] & 0xff) << 8 | (a[3] & 0xff);
            return !((w0 & 0xfe00) == 0xfc00 || (w0 == 0x2001 && w1 == 0x0db8)); // unique-local fc00::/7, documentation 2001:db8::/32
        }
        return true;
    }

    private static String attribution(String fileName, String type) {
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.startsWith("geo-whois-asn-country")) return IP_LOCATION_DB_ATTRIBUTION;
        if (type != null && type.startsWith("GeoLite2")) {
            return "This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com.";
        }
        if (type != null && type.startsWith("DBIP-") && type.contains("Lite")) return "IP geolocation by DB-IP (https://db-ip.com), CC BY 4.0.";
        return null;
    }

    /** One database record, in either layout; the reader fills what is there and passes null for the rest (public: the reader constructs it reflectively). */
    public record CountryRecord(String countryCode, CountryField country) {
        @MaxMindDbConstructor
        public CountryRecord(@MaxMindDbParameter(name = "country_code") String countryCode,
                      @MaxMindDbParameter(name = "country") CountryField country) {
            this.countryCode = countryCode;
            this.country = country;
        }

        String code() {
            String c = countryCode != null ? countryCode : country != null ? country.isoCode() : null;
            return c == null || c.length() != 2 ? null : c.toUpperCase(Locale.ROOT);
        }
    }

    /** MaxMind's {@code country} map; only the code is read. */
    public record CountryField(String isoCode) {
        @MaxMindDbConstructor
        public CountryField(@MaxMindDbParameter(name = "iso_code") String isoCode) {
            this.isoCode = isoCode;
        }
    }
}
