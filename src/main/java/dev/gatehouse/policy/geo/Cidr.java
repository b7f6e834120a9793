package dev.gatehouse.policy.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An address range written as {@code 10.0.0.0/8}, {@code fd00::/8} or a single address (a /32 or /128). */
final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** The range {@code text} writes, or null when it is not one. Host bits below the prefix are ignored. */
    static Cidr parse(String text) {
        if (text == null) return null;
        String s = text.strip();
        int slash = s.indexOf('/');
        InetAddress address = IpLiteral.parse(slash < 0 ? s : s.substring(0, slash));
        if (address == null) return null;
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return null;
            prefix = Integer.parseInt(p);
            // an IPv4-mapped range (::ffff:10.0.0.0/104) parses to IPv4: its prefix counts from bit 96
            if (bytes.length == 4 && s.indexOf(':') >= 0) prefix -= 96;
            if (prefix < 0 || prefix > bits) return null;
        }
        return new Cidr(mask(bytes, prefix), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) return false;
        int full = prefix / 8;
        for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
        int rest = prefix % 8;
        if (rest == 0) return true;
        int m = 0xff << (8 - rest) & 0xff;
        return (a[full] & m) == (network[full] & m);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = Arrays.copyOf(bytes, bytes.length);
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
