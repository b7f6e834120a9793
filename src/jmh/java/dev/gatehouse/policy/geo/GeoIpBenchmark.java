package dev.gatehouse.policy.geo;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One client-IP-to-country lookup in the real ip-location-db database in ../shared, as the policy
 * does per request on the event loop. The addresses cycle through 4,096 random public ones, so
 * the search tree is walked along many paths, not one hot path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GeoIpBenchmark {
    @Param({"ipv4", "ipv6"})
    String family;

    private GeoIp geo;
    private InetAddress[] addresses;
    private int next;

    @Setup
    public void setup() throws UnknownHostException {
        geo = GeoIp.open(Path.of("../shared/data/geo/geo-whois-asn-country.mmdb"));
        SplittableRandom random = new SplittableRandom(42);
        addresses = new InetAddress[4096];
        for (int i = 0; i < addresses.length; i++) {
            byte[] b;
            if (family.equals("ipv4")) {
                b = new byte[] {(byte) random.nextInt(1, 224), (byte) random.nextInt(256), (byte) random.nextInt(256), 1};
            } else {
                b = new byte[16];
                b[0] = 0x20; // 2000::/3, where the allocations are
                b[1] = (byte) random.nextInt(256);
                for (int j = 2; j < 8; j++) b[j] = (byte) random.nextInt(256);
                b[15] = 1;
            }
            addresses[i] = InetAddress.getByAddress(b);
        }
    }

    @TearDown
    public void close() {
        geo.close();
    }

    @Benchmark
    public String country() {
        InetAddress ip = addresses[next++ & (addresses.length - 1)];
        return geo.country(ip);
    }
}
