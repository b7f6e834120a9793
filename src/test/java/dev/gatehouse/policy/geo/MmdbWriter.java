package dev.gatehouse.policy.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small IPv4 MaxMind DB (format 2.0, 24-bit records) from networks and their records, so
 * tests can read a layout the shipped database does not have (MaxMind's nested {@code country})
 * without a binary fixture nobody can read. Only what the tests need: maps, strings, unsigned ints.
 */
final class MmdbWriter {
    private final String databaseType;
    private final Map<String, Map<String, Object>> networks = new LinkedHashMap<>();

    MmdbWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    /** Maps {@code cidr} (IPv4, e.g. {@code 81.0.0.0/8}) to {@code record}. */
    MmdbWriter network(String cidr, Map<String, Object> record) {
        networks.put(cidr, record);
        return this;
    }

    void write(Path file) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Node root = new Node();
        for (var e : networks.entrySet()) {
            int offset = data.size();
            encode(data, e.getValue());
            String[] parts = e.getKey().split("/");
            insert(root, InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]), offset);
        }
        List<Node> order = new ArrayList<>();
        Map<Node, Integer> index = new IdentityHashMap<>();
        ArrayDeque<Node> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Node n = queue.removeFirst();
            index.put(n, order.size());
            order.add(n);
            for (Object child : new Object[] {n.left, n.right}) if (child instanceof Node c) queue.addLast(c);
        }
        int nodeCount = order.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : order) {
            for (Object child : new Object[] {n.left, n.right}) {
                int record = child instanceof Node c ? index.get(c) : child instanceof Integer off ? nodeCount + 16 + off : nodeCount;
                out.write(record >>> 16);
                out.write(record >>> 8);
                out.write(record);
            }
        }
        out.write(new byte[16]);
        data.writeTo(out);
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("binary_format_major_version", new U16(2));
        meta.put("binary_format_minor_version", new U16(0));
        meta.put("build_epoch", new U64(1_767_225_600L)); // 2026-01-01
        meta.put("database_type", databaseType);
        meta.put("description", Map.of("en", "test database"));
        meta.put("ip_version", new U16(4));
        meta.put("languages", List.of("en"));
        meta.put("node_count", new U32(nodeCount));
        meta.put("record_size", new U16(24));
        encode(out, meta);
        Files.write(file, out.toByteArray());
    }

    private record U16(int value) {}
    private record U32(long value) {}
    private record U64(long value) {}

    private static final class Node {
        Object left; // a Node, an Integer data offset, or null for "no data"
        Object right;
    }

    private static void insert(Node root, byte[] address, int prefix, int offset) {
        Node n = root;
        for (int i = 0; i < prefix; i++) {
            boolean one = (address[i / 8] >> (7 - i % 8) & 1) == 1;
            if (i == prefix - 1) {
                if (one) n.right = offset; else n.left = offset;
                return;
            }
            Object next = one ? n.right : n.left;
            if (!(next instanceof Node)) {
                next = new Node();
                if (one) n.right = next; else n.left = next;
            }
            n = (Node) next;
        }
    }

    private static void encode(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case String s -> {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                if (b.length >= 29) throw new IllegalArgumentException("short strings only");
                out.write(2 << 5 | b.length);
                out.writeBytes(b);
            }
            case Map<?, ?> m -> {
                out.write(7 << 5 | m.size());
                m.forEach((k, v) -> {
                    encode(out, k);
                    encode(out, v);
                });
            }
            case List<?> l -> {
                out.write(l.size()); // extended type: array (11 - 7)
                out.write(4);
                l.forEach(v -> encode(out, v));
            }
            case U16 u -> unsigned(out, 5 << 5, -1, u.value(), 2);
            case U32 u -> unsigned(out, 6 << 5, -1, u.value(), 4);
            case U64 u -> unsigned(out, 0, 2, u.value(), 8); // extended type: uint64 (9 - 7)
            default -> throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, int type, int extended, long value, int max) {
        int n = 0;
        while (n < max && value >>> (8 * n) != 0) n++;
        out.write(type | n);
        if (extended >= 0) out.write(extended);
        for (int i = n - 1; i >= 0; i--) out.write((int) (value >>> (8 * i)));
    }
}
