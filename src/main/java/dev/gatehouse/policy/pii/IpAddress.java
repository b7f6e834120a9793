package dev.gatehouse.policy.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IP addresses. IPv4: four decimal octets 0-255 without leading zeros, not part of a longer dotted
 * run (so {@code 1.2.3.4.5} and {@code 999.1.1.1} are not addresses). IPv6: the RFC 4291 text
 * forms (full, {@code ::}-compressed, with an IPv4 tail), validated by {@link #isIpv6}; to keep
 * {@code a::b} in source code and clock times like {@code 12:30:45} out, a compressed address needs
 * at least three 16-bit groups (an IPv4 tail counts as two).
 */
public final class IpAddress implements PiiDetector {
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String V4 = OCTET + "(?:\\." + OCTET + "){3}";
    static final Pattern IPV4 = Pattern.compile("(?<![0-9A-Za-z.])" + V4 + "(?![0-9A-Za-z]|\\.\\d)");
    private static final Pattern IPV4_EXACT = Pattern.compile(V4);
    static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z:.])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?:\\d{1,3}(?:\\.\\d{1,3}){3})?(?![0-9A-Za-z:]|\\.\\d)");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    @Override
    public PiiKind kind() {
        return PiiKind.IP;
    }

    /** IPv4 needs three dots and four digits; IPv6 at least two colons (even {@code ::1.2.3.4} has them). */
    @Override
    public boolean mayMatch(TextProfile p) {
        return p.dots() >= 3 && p.digits() >= 4 || p.colons() >= 2;
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> v6 = RegexFindings.findAround(':', IpAddress::isIpv6Char, kind(), IPV6_CANDIDATE, text, IpAddress::isIpv6);
        List<Finding> out = new ArrayList<>(v6);
        // an IPv4 tail of an IPv6 address (::ffff:192.0.2.1) is part of that address, not a second one
        RegexFindings.findAroundDigits(kind(), IPV4, text, candidate -> true).stream()
                .filter(v4 -> v6.stream().noneMatch(v4::overlaps))
                .forEach(out::add);
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /** Every character an IPv6 candidate can hold: hex digits, colons, and the dots of an IPv4 tail. */
    static boolean isIpv6Char(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.';
    }

    /** RFC 4291 textual IPv6 check (no zone index), with the extra three-group rule above. */
    static boolean isIpv6(String s) {
        int compress = s.indexOf("::");
        if (compress >= 0 && s.indexOf("::", compress + 1) >= 0) {
            return false;
        }
        String head = compress >= 0 ? s.substring(0, compress) : s;
        String tail = compress >= 0 ? s.substring(compress + 2) : "";
        List<String> groups = new ArrayList<>();
        if (!splitGroups(head, groups) || !splitGroups(tail, groups)) {
            return false;
        }
        int units = 0;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (HEX_GROUP.matcher(g).matches()) {
                units++;
            } else if (i == groups.size() - 1 && IPV4_EXACT.matcher(g).matches()) {
                units += 2;
            } else {
                return false;
            }
        }
        if (compress >= 0) {
            return units <= 7 && units >= 3;
        }
        return units == 8;
    }

    private static boolean splitGroups(String part, List<String> into) {
        if (part.isEmpty()) {
            return true;
        }
        for (String g : part.split(":", -1)) {
            if (g.isEmpty()) {
                return false;
            }
            into.add(g);
        }
        return true;
    }
}
