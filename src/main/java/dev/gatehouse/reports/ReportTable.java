package dev.gatehouse.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report produced: rows under its columns, the notes a reader must see beside them, and
 * the parameters in effect (defaults included). Every report fills one of these and the
 * renderers ({@link ReportFormat}) turn any of them into CSV or JSON.
 * <p>
 * Cells are typed, so JSON keeps numbers as numbers and lists as arrays: text, {@link Long},
 * {@link Integer}, {@link BigDecimal} (money and fractions: exact, never a double), {@link Boolean},
 * {@link Instant}, {@link LocalDate}, a {@link List} of those, a {@link Map} from text to those, or null.
 * A row must set every column, so a report cannot leave one out by mistake.
 */
public final class ReportTable {
    private final List<Column> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<List<Object>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    public ReportTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < this.columns.size(); i++) {
            if (index.put(this.columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("column named twice: " + this.columns.get(i).name());
            }
        }
    }

    /** A new row to fill; {@link Row#add()} appends it. */
    public Row row() { return new Row(); }

    /** A sentence a reader must see with the rows (what is not counted, what could not be read). */
    public ReportTable note(String sentence) {
        notes.add(sentence);
        return this;
    }

    /** A parameter as it was in effect (given or defaulted), for the report's header. */
    public ReportTable parameter(String name, Object value) {
        parameters.put(name, check(value));
        return this;
    }

    public List<Column> columns() { return columns; }

    public List<List<Object>> rows() { return Collections.unmodifiableList(rows); }

    public List<String> notes() { return List.copyOf(notes); }

    public Map<String, Object> parameters() { return Collections.unmodifiableMap(parameters); }

    /** One row being filled. */
    public final class Row {
        private final Object[] cells = new Object[columns.size()];
        private final boolean[] set = new boolean[columns.size()];

        private Row() {}

        public Row set(String column, Object value) {
            Integer i = index.get(column);
            if (i == null) throw new IllegalArgumentException("no column " + column + " in this report");
            cells[i] = check(value);
            set[i] = true;
            return this;
        }

        public void add() {
            for (int i = 0; i < set.length; i++) {
                if (!set[i]) throw new IllegalStateException("row leaves column " + columns.get(i).name() + " unset");
            }
            rows.add(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(cells)))); // a copy: the row may be filled again
        }
    }

    private static Object check(Object v) {
        if (v instanceof List<?> list) {
            list.forEach(ReportTable::check);
        } else if (v instanceof Map<?, ?> map) {
            map.forEach((k, x) -> {
                if (!(k instanceof String)) throw new IllegalArgumentException("map cells need text keys, not " + k);
                check(x);
            });
        } else if (!(v == null || v instanceof String || v instanceof Long || v instanceof Integer || v instanceof BigDecimal
                || v instanceof Boolean || v instanceof Instant || v instanceof LocalDate)) {
            throw new IllegalArgumentException("a report cell cannot hold a " + v.getClass().getSimpleName());
        }
        return v;
    }
}
