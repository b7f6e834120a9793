package dev.gatehouse.compliance.screening;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.api.Json;
import dev.gatehouse.crypto.Sha256;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The screening lists in the store. A list is replaced in one transaction, entry by entry (only the
 * entries that came, went or changed are written), so a failed import leaves the old list in force
 * and a re-import of the same content writes nothing. Blocking JDBC: call off the event loop.
 */
public final class ListStore {
    private static final int BATCH = 500;
    private final Database db;

    public ListStore(Database db) { this.db = db; }

    public ImportReport replace(ParsedList list) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return db.inTransaction(c -> {
            Optional<ListStatus> current = status(c, list.name());
            if (current.isPresent() && current.get().sha256().equals(list.sha256())) {
                return new ImportReport(list.name(), current.get().date(), list.sha256(), true, current.get().entryCount(),
                        List.of(), List.of(), List.of(), current.get().importedAt());
            }
            Map<String, String> old = entryHashes(c, list.name());
            List<String> added = new ArrayList<>(), changed = new ArrayList<>();
            List<ListEntry> writes = new ArrayList<>();
            List<String> jsons = new ArrayList<>();
            for (ListEntry e : list.entries()) {
                String json = json(e);
                String hash = Sha256.hex(json);
                String before = old.remove(e.id());
                if (before == null) added.add(e.id());
                else if (!before.equals(hash)) changed.add(e.id());
                else continue;
                writes.add(e);
                jsons.add(json);
            }
            List<String> removed = List.copyOf(old.keySet());
            upsertList(c, list, now, current.isPresent());
            delete(c, list.name(), removed);
            delete(c, list.name(), changed);
            insert(c, list.name(), writes, jsons);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_imports (id, list_name, list_date, content_hash, added, changed, removed, entry_count, imported_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, Ids.next("sli"));
                ps.setString(2, list.name());
                ps.setString(3, list.date());
                ps.setString(4, list.sha256());
                ps.setInt(5, added.size());
                ps.setInt(6, changed.size());
                ps.setInt(7, removed.size());
                ps.setInt(8, list.entries().size());
                ps.setTimestamp(9, Timestamp.from(now));
                ps.executeUpdate();
            }
            return new ImportReport(list.name(), list.date(), list.sha256(), false, list.entries().size(), added, changed, removed, now);
        });
    }

    public List<ListStatus> status() {
        return db.withConnection(c -> {
            List<ListStatus> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, list_date, content_hash, source, entry_count, imported_at FROM screening_lists ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(status(rs));
            }
            return out;
        });
    }

    /** Every entry of every list in force. */
    public List<ListEntry> allEntries() {
        return db.withConnection(c -> {
            List<ListEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT entry_json FROM screening_entries ORDER BY list_name, entry_id")) {
                ps.setFetchSize(2000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(Json.MAPPER.readValue(rs.getString(1), ListEntry.class));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored screening entry is not ListEntry JSON", e);
            }
            return out;
        });
    }

    private static Optional<ListStatus> status(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, list_date, content_hash, source, entry_count, imported_at FROM screening_lists WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(status(rs)) : Optional.empty();
            }
        }
    }

    private static ListStatus status(ResultSet rs) throws SQLException {
        return new ListStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant());
    }

    private static Map<String, String> entryHashes(Connection c, String list) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_id, entry_hash FROM screening_entries WHERE list_name = ?")) {
            ps.setString(1, list);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static void upsertList(Connection c, ParsedList list, Instant now, boolean exists) throws SQLException {
        String sql = exists
                ? "UPDATE screening_lists SET list_date = ?, content_hash = ?, source = ?, entry_count = ?, imported_at = ? WHERE name = ?"
                : "INSERT INTO screening_lists (list_date, content_hash, source, entry_count, imported_at, name) VALUES (?,?,?,?,?,?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, list.date());
            ps.setString(2, list.sha256());
            ps.setString(3, list.source());
            ps.setInt(4, list.entries().size());
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setString(6, list.name());
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, String list, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM screening_entries WHERE list_name = ? AND entry_id = ?")) {
            int n = 0;
            for (String id : ids) {
                ps.setString(1, list);
                ps.setString(2, id);
                ps.addBatch();
                if (++n % BATCH == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insert(Connection c, String list, List<ListEntry> entries, List<String> jsons) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_entries (list_name, entry_id, entry_hash, entry_json) VALUES (?,?,?,?)")) {
            for (int i = 0; i < entries.size(); i++) {
                ps.setString(1, list);
                ps.setString(2, entries.get(i).id());
                ps.setString(3, Sha256.hex(jsons.get(i)));
                ps.setString(4, jsons.get(i));
                ps.addBatch();
                if ((i + 1) % BATCH == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
    }

    private static String json(ListEntry e) {
        try {
            return Json.MAPPER.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("records of strings always serialise", ex);
        }
    }
}
