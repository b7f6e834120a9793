package dev.gatehouse.metering;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;
import dev.gatehouse.store.StoreException;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code prices} table, for the admin API and the {@link PriceBook}. Every call blocks
 * (JDBC): run it through {@link dev.gatehouse.store.Blocking}. Bad input fails with a
 * {@link GatewayException} of {@link ErrorCode#INVALID_REQUEST} naming the field, before anything
 * is written.
 */
public final class PriceStore {
    private static final BigDecimal MAX = new BigDecimal("999999999999.999999"); // NUMERIC(18, 6)
    private static final String COLUMNS =
            "id, provider, model, currency, input_per_million, output_per_million, cached_input_per_million, effective_from";

    private final Database db;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public PriceStore(Database db) { this.db = Objects.requireNonNull(db, "db"); }

    /** Runs {@code listener} (on the calling thread) after every change, e.g. to refresh a {@link PriceBook}. */
    public void onChange(Runnable listener) { listeners.add(listener); }

    /**
     * Adds a price. {@code cachedInputPerMillion} may be null; {@code effectiveFrom} null means now.
     * A second price for the same provider, model and start time is refused (400), not replaced:
     * prices are history, and past records were computed with the old one.
     */
    public Price add(String provider, String model, String currency, BigDecimal inputPerMillion,
                     BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion, Instant effectiveFrom) {
        Price p = new Price(Ids.next("prc"), required(provider, "provider", 100), required(model, "model", 200),
                currency(currency), amount(inputPerMillion, "input_per_million", true),
                amount(outputPerMillion, "output_per_million", true),
                amount(cachedInputPerMillion, "cached_input_per_million", false),
                effectiveFrom != null ? effectiveFrom : Instant.now());
        try {
            db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO prices (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, p.id());
                    ps.setString(2, p.provider());
                    ps.setString(3, p.model());
                    ps.setString(4, p.currency());
                    ps.setBigDecimal(5, p.inputPerMillion());
                    ps.setBigDecimal(6, p.outputPerMillion());
                    ps.setBigDecimal(7, p.cachedInputPerMillion());
                    ps.setObject(8, OffsetDateTime.ofInstant(p.effectiveFrom(), ZoneOffset.UTC));
                    return ps.executeUpdate();
                }
            });
        } catch (StoreException e) {
            if (e.isDuplicate()) {
                throw GatewayException.invalid("A price for provider '" + p.provider() + "' and model '" + p.model()
                        + "' effective from " + p.effectiveFrom() + " already exists.", "effective_from");
            }
            throw e;
        }
        listeners.forEach(Runnable::run);
        return p;
    }

    /** Every price, by provider, model and start time. */
    public List<Price> list() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM prices ORDER BY provider, model, effective_from");
                 ResultSet rs = ps.executeQuery()) {
                List<Price> out = new ArrayList<>();
                while (rs.next()) out.add(read(rs));
                return out;
            }
        });
    }

    /** The price in force at {@code at} for each provider and model that had one then. */
    public List<Price> listEffectiveAt(Instant at) {
        Map<String, Price> latest = new LinkedHashMap<>();
        for (Price p : list()) {
            if (!p.effectiveFrom().isAfter(at)) latest.put(p.provider() + '\u0000' + p.model(), p);
        }
        return new ArrayList<>(latest.values());
    }

    private static Price read(ResultSet rs) throws SQLException {
        return new Price(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4).trim(),
                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                rs.getObject(8, OffsetDateTime.class).toInstant());
    }

    private static String required(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) throw GatewayException.invalid(field + " must not be empty.", field);
        if (value.length() > maxLength) throw GatewayException.invalid(field + " is longer than " + maxLength + " characters.", field);
        return value.strip();
    }

    private static String currency(String value) {
        if (!"USD".equals(value) && !"CNY".equals(value)) {
            throw GatewayException.invalid("currency must be USD or CNY, not '" + value + "'.", "currency");
        }
        return value;
    }

    private static BigDecimal amount(BigDecimal value, String field, boolean required) {
        if (value == null) {
            if (required) throw GatewayException.invalid(field + " is required.", field);
            return null;
        }
        if (value.signum() < 0) throw GatewayException.invalid(field + " must not be negative.", field);
        if (value.stripTrailingZeros().scale() > 6) throw GatewayException.invalid(field + " has more than 6 decimal places.", field);
        if (value.compareTo(MAX) > 0) throw GatewayException.invalid(field + " is too large.", field);
        return value.setScale(6); // as the column stores it, so the price returned equals the price read back
    }
}
