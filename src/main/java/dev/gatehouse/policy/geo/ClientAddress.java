package dev.gatehouse.policy.geo;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the client of a request is: the connection's peer, unless the peer is one of the operator's
 * own proxies ({@code policy.trusted_proxies}), in which case the proxies' {@code X-Forwarded-For}
 * says. The header is read right to left, because each proxy appends the address it saw: the
 * right-most entries were written by trusted proxies, and the first entry that is not a trusted
 * proxy is the client. Whatever stands left of it came from the client itself and is ignored, so
 * a client cannot choose its country by sending its own header. A malformed entry on the way
 * means the chain cannot be believed: the peer is the answer. No name is ever resolved.
 */
public final class ClientAddress {
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final ClientAddress DIRECT = new ClientAddress(List.of());

    private final List<Cidr> trusted;

    private ClientAddress(List<Cidr> trusted) {
        this.trusted = trusted;
    }

    /**
     * The proxies to believe, as addresses or CIDR ranges, IPv4 or IPv6 ({@code 10.0.0.0/8},
     * {@code 127.0.0.1}, {@code fd00::/8}); none (null or empty) means no header is believed.
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static ClientAddress parse(List<String> trustedProxies) {
        if (trustedProxies == null || trustedProxies.isEmpty()) return DIRECT;
        List<Cidr> ranges = new ArrayList<>(trustedProxies.size());
        for (String entry : trustedProxies) {
            Cidr range = Cidr.parse(entry);
            if (range == null) {
                throw new IllegalArgumentException("policy.trusted_proxies: '" + entry
                        + "' is not an IP address or CIDR range such as 10.0.0.0/8, 192.0.2.7 or fd00::/8");
            }
            ranges.add(range);
        }
        return new ClientAddress(List.copyOf(ranges));
    }

    /** The client's address; null only when the connection has no IP peer (a Unix domain socket). Never blocks. */
    public InetAddress clientOf(HttpServerRequest req) {
        InetAddress peer = peerOf(req.remoteAddress());
        if (peer == null || !trusts(peer)) return peer;
        return fromForwarded(peer, req.headers().getAll(FORWARDED_FOR));
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean trusts(InetAddress address) {
        for (Cidr range : trusted) if (range.contains(address)) return true;
        return false;
    }

    /** The trusted proxies as ranges (for the explain endpoint and logs). */
    public List<String> trustedRanges() {
        return trusted.stream().map(Cidr::toString).toList();
    }

    /**
     * The client behind trusted peer {@code peer}, from the {@code X-Forwarded-For} headers in the
     * order received: the right-most entry that is not trusted; when every entry is trusted, the
     * left-most (the hop furthest away); the peer when there is no entry or a malformed one.
     */
    InetAddress fromForwarded(InetAddress peer, List<String> headers) {
        InetAddress furthest = peer;
        for (int h = headers.size() - 1; h >= 0; h--) {
            String header = headers.get(h);
            int end = header.length();
            while (end >= 0) {
                int comma = header.lastIndexOf(',', end - 1);
                InetAddress hop = entry(header.substring(comma + 1, end));
                if (hop == null) return peer;
                if (!trusts(hop)) return hop;
                furthest = hop;
                end = comma;
            }
        }
        return furthest;
    }

    /**
     * One entry: an address, optionally with a port ({@code 192.0.2.1:4711}) or, for IPv6, in
     * brackets with or without one ({@code [2001:db8::1]:4711}), as some proxies write them.
     */
    static InetAddress entry(String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !(close == s.length() - 1 || s.charAt(close + 1) == ':')) return null;
            s = s.substring(1, close);
        } else {
            int colon = s.indexOf(':');
            if (colon > 0 && colon == s.lastIndexOf(':')) s = s.substring(0, colon); // IPv4 with a port
        }
        return IpLiteral.parse(s);
    }

    private static InetAddress peerOf(SocketAddress remote) {
        return remote == null ? null : IpLiteral.parse(remote.hostAddress());
    }
}
