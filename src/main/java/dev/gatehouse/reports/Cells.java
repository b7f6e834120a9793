package dev.gatehouse.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How report cells are written: as text in CSV, as typed JSON values, and the exact numbers reports put in them. */
final class Cells {
    /** Between the items of a list cell in CSV: rarer than a comma inside addresses and names. */
    static final String LIST_SEPARATOR = " | ";
    /** Since Jackson 2.15 the factory keeps a BigDecimal as given (1.50 stays 1.50); only the mapper's JsonNodeFeature strips zeros. */
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int NANO_DIGITS = 9;

    private Cells() {}

    /** A cell as CSV text: numbers plain, times ISO-8601, lists joined by {@value #LIST_SEPARATOR}, maps as {@code key=value}; null is empty. */
    static String text(Object v) {
        return switch (v) {
            case null -> null;
            case BigDecimal d -> d.toPlainString();
            case List<?> list -> list.stream().map(Cells::text).map(s -> s == null ? "" : s).collect(Collectors.joining(LIST_SEPARATOR));
            case Map<?, ?> map -> map.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() == null ? "" : text(e.getValue())))
                    .collect(Collectors.joining(LIST_SEPARATOR));
            default -> v.toString();
        };
    }

    /** A cell as a JSON value: numbers and booleans typed, times as ISO-8601 text, lists as arrays, maps as objects. */
    static JsonNode json(Object v) {
        return switch (v) {
            case null -> F.nullNode();
            case Long n -> F.numberNode(n);
            case Integer n -> F.numberNode(n);
            case BigDecimal d -> F.numberNode(d);
            case Boolean b -> F.booleanNode(b);
            case List<?> list -> {
                ArrayNode a = F.arrayNode();
                list.forEach(x -> a.add(json(x)));
                yield a;
            }
            case Map<?, ?> map -> {
                ObjectNode o = F.objectNode();
                map.forEach((k, x) -> o.set((String) k, json(x)));
                yield o;
            }
            default -> F.textNode(v.toString());
        };
    }

    /** Whether CSV writes the cell as a typed number or flag (never guarded against formulas: {@code -5} stays {@code -5}). */
    static boolean typed(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    /** Nano-units (1e-9) of a currency as an exact decimal amount with at least two decimals: 12.50, 0.0025. */
    static BigDecimal money(long nanos) {
        BigDecimal d = BigDecimal.valueOf(nanos, NANO_DIGITS).stripTrailingZeros();
        return d.scale() < 2 ? d.setScale(2, RoundingMode.UNNECESSARY) : d;
    }

    /** {@code 1 customer}, {@code 2 customers}: counts in notes. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code n / of} to six decimals (0.123457), half up: how far a count is towards a threshold. */
    static BigDecimal fraction(long n, long of) {
        return BigDecimal.valueOf(n).divide(BigDecimal.valueOf(of), 6, RoundingMode.HALF_UP);
    }
}
