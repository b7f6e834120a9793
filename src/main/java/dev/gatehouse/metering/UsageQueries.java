package dev.gatehouse.metering;

import dev.gatehouse.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the usage ledger: totals, totals per group, time series and CSV export. Plain JDBC that
 * runs unchanged on H2 (PostgreSQL mode) and PostgreSQL. Every call blocks: run it through
 * {@link dev.gatehouse.store.Blocking}. Records still in the journal (the last half second or
 * so) are not visible yet.
 * <p>Time buckets are computed from the epoch ({@code FLOOR(EXTRACT(EPOCH FROM ts) / width)})
 * rather than {@code DATE_TRUNC}: PostgreSQL truncates a {@code timestamptz} in the session's
 * time zone, so {@code DATE_TRUNC('day', ts)} would give different days on servers in different
 * zones. Epoch arithmetic is UTC everywhere and the same in both databases.
 */
public final class UsageQueries {
    private static final String SUMS = "COUNT(*), COALESCE(SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cached_tokens), 0),"
            + " COALESCE(SUM(cost_usd_nanos), 0), COALESCE(SUM(cost_cny_nanos), 0)";
    private static final String CSV_COLUMNS = "ts, request_id, customer_id, project_id, key_id, route, provider, upstream_model,"
            + " region, status, error_code, input_tokens, output_tokens, cached_tokens, tokens_reported,"
            + " cost_usd_nanos, cost_cny_nanos, price_id, latency_ms, ttft_ms";
    static final String CSV_HEADER = "time,request_id,customer_id,project_id,key_id,route,provider,upstream_model,"
            + "region,status,error_code,input_tokens,output_tokens,cached_tokens,tokens_reported,"
            + "cost_usd,cost_cny,price_id,latency_ms,ttft_ms";

    private final Database db;

    public UsageQueries(Database db) { this.db = db; }

    /** Totals of the selected records. */
    public UsageTotals totals(UsageFilter filter) {
        Where w = Where.of(filter);
        return db.withConnection(c -> {
            try (PreparedStatement ps = w.prepare(c, "SELECT " + SUMS + " FROM usage_records" + w.sql());
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return totals(rs, 1);
            }
        });
    }

    /** Totals per value of {@code by} (a null group holds records without one), largest USD cost first. */
    public List<GroupTotals> totalsBy(UsageFilter filter, UsageDimension by) {
        Where w = Where.of(filter);
        String sql = "SELECT " + by.column + ", " + SUMS + " FROM usage_records" + w.sql()
                + " GROUP BY " + by.column + " ORDER BY 7 DESC, 1";
        return db.withConnection(c -> {
            try (PreparedStatement ps = w.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
                List<GroupTotals> out = new ArrayList<>();
                while (rs.next()) out.add(new GroupTotals(rs.getString(1), totals(rs, 2)));
                return out;
            }
        });
    }

    /**
     * Totals per time bucket (UTC-aligned hours or days), oldest first; per group within each
     * bucket when {@code by} is not null. Buckets without records are absent.
     */
    public List<SeriesPoint> series(UsageFilter filter, UsageBucket bucket, UsageDimension by) {
        Where w = Where.of(filter);
        String slot = "FLOOR(EXTRACT(EPOCH FROM ts) / " + bucket.seconds + ")";
        String group = by != null ? by.column : "NULL";
        String sql = "SELECT " + slot + ", " + group + ", " + SUMS + " FROM usage_records" + w.sql()
                + " GROUP BY " + slot + (by != null ? ", " + by.column : "") + " ORDER BY 1, 2";
        return db.withConnection(c -> {
            try (PreparedStatement ps = w.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
                List<SeriesPoint> out = new ArrayList<>();
                while (rs.next()) {
                    long slotIndex = rs.getBigDecimal(1).longValueExact();
                    out.add(new SeriesPoint(Instant.ofEpochSecond(slotIndex * bucket.seconds), rs.getString(2), totals(rs, 3)));
                }
                return out;
            }
        });
    }

    /**
     * Writes the selected records as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a
     * comma, quote or line break quoted, quotes doubled), oldest first, after a header line. Costs
     * are decimal amounts in USD and CNY. Streams from the database; returns the number of records.
     */
    public long exportCsv(UsageFilter filter, Appendable out) {
        Where w = Where.of(filter);
        String sql = "SELECT " + CSV_COLUMNS + " FROM usage_records" + w.sql() + " ORDER BY ts, request_id";
        // A transaction lets PostgreSQL stream with a cursor (fetch size) instead of loading everything.
        return db.inTransaction(c -> {
            try (PreparedStatement ps = w.prepare(c, sql)) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    Csv csv = new Csv(out);
                    csv.line(CSV_HEADER);
                    long n = 0;
                    while (rs.next()) {
                        csv.field(rs.getObject(1, OffsetDateTime.class).toInstant().toString());
                        for (int i = 2; i <= 9; i++) csv.field(rs.getString(i));
                        csv.field(Integer.toString(rs.getInt(10)));
                        csv.field(rs.getString(11));
                        for (int i = 12; i <= 14; i++) csv.field(Long.toString(rs.getLong(i)));
                        csv.field(Boolean.toString(rs.getBoolean(15)));
                        csv.field(BigDecimal.valueOf(rs.getLong(16), 9).toPlainString());
                        csv.field(BigDecimal.valueOf(rs.getLong(17), 9).toPlainString());
                        csv.field(rs.getString(18));
                        csv.field(Integer.toString(rs.getInt(19)));
                        int ttft = rs.getInt(20);
                        csv.field(rs.wasNull() ? null : Integer.toString(ttft));
                        csv.end();
                        n++;
                    }
                    return n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the usage CSV", e);
            }
        });
    }

    private static UsageTotals totals(ResultSet rs, int first) throws SQLException {
        return new UsageTotals(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getLong(first + 4), rs.getLong(first + 5), rs.getLong(first + 6));
    }

    /** Totals of one group ({@code group} is null for records without a value). */
    public record GroupTotals(String group, UsageTotals totals) {}

    /** Totals of one time bucket starting at {@code start}, and of one group when grouped. */
    public record SeriesPoint(Instant start, String group, UsageTotals totals) {}

    /** The WHERE clause of a filter and its parameters, in order. */
    private record Where(String sql, List<Object> params) {
        static Where of(UsageFilter f) {
            StringBuilder sql = new StringBuilder();
            List<Object> params = new ArrayList<>();
            add(sql, params, "customer_id = ?", f.customerId());
            add(sql, params, "project_id = ?", f.projectId());
            add(sql, params, "key_id = ?", f.keyId());
            if (f.model() != null) {
                add(sql, params, "(route = ? OR upstream_model = ?)", f.model());
                params.add(f.model());
            }
            add(sql, params, "provider = ?", f.provider());
            add(sql, params, "ts >= ?", f.from() != null ? OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC) : null);
            add(sql, params, "ts < ?", f.to() != null ? OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC) : null);
            return new Where(sql.toString(), params);
        }

        private static void add(StringBuilder sql, List<Object> params, String condition, Object value) {
            if (value == null) return;
            sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
            params.add(value);
        }

        PreparedStatement prepare(Connection c, String query) throws SQLException {
            PreparedStatement ps = c.prepareStatement(query);
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            return ps;
        }
    }
}
