package dev.gatehouse.policy.geo;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP addresses written as text, parsed as literals only: {@link InetAddress#getByName} would ask
 * DNS for anything that is not a literal, which must never happen on the request path (and a
 * forged header must not make the gateway resolve names). IPv4-mapped IPv6 addresses
 * ({@code ::ffff:1.2.3.4}) come back as the IPv4 address they carry.
 */
public final class IpLiteral {
    private IpLiteral() {}

    /** The address {@code text} spells (IPv4 dotted quad or IPv6, no brackets, no port), or null when it is not one. */
    public static InetAddress parse(String text) {
        if (text == null) return null;
        String s = text.strip();
        if (s.isEmpty() || s.length() > 45) return null; // 45: the longest IPv6 text form
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
        if (bytes == null) return null;
        try {
            return InetAddress.getByAddress(bytes); // no lookup: a byte array is taken as it is
        } catch (UnknownHostException e) {
            return null; // only for a length other than 4 or 16, which the parser never returns
        }
    }
}
