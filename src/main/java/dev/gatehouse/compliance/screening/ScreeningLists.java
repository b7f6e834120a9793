package dev.gatehouse.compliance.screening;

import dev.gatehouse.store.Database;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The screening lists of a gateway: stored in the database, held in memory as a {@link Screener}
 * that is rebuilt after every import that changed something. Listeners hear of each change made
 * through this instance (the compliance layer rescreens every customer then). Lists imported by
 * another process (the CLI, another instance) are picked up by {@link #reloadIfChanged}, called
 * every few seconds, without telling the listeners: the importer has rescreened already. The
 * entries are read on first use (or by {@link #reload}), so a command that only reads cases does not
 * pay for loading them. Imports and loads block: run them off the event loop.
 */
public final class ScreeningLists {
    private final ListStore store;
    private final List<Consumer<ImportReport>> listeners = new CopyOnWriteArrayList<>();
    private volatile Thresholds thresholds;
    private volatile Screener screener;
    /** The content hash of each list the screener was built from. */
    private volatile Map<String, String> loaded = Map.of();

    public ScreeningLists(Database db, Thresholds thresholds) {
        this.store = new ListStore(db);
        this.thresholds = thresholds;
    }

    /** The current snapshot; it does not change under a caller (a new import makes a new one). */
    public Screener screener() {
        Screener s = screener;
        if (s != null) return s;
        synchronized (this) {
            if (screener == null) reload();
            return screener;
        }
    }

    public ScreeningResult screen(Subject subject) { return screener().screen(subject); }

    public List<ListStatus> status() { return store.status(); }

    public boolean isEmpty() { return screener().entryCount() == 0; }

    /**
     * Stores a parsed list (one transaction) and, if it changed anything, rebuilds the screener and
     * tells the listeners. They are told outside this object's lock, so a listener that screens
     * (and a screening that waits for the lists) never hold each other up.
     */
    public ImportReport importList(ParsedList list) {
        ImportReport report;
        synchronized (this) {
            report = store.replace(list);
            if (!report.unchanged()) reload();
        }
        if (!report.unchanged()) listeners.forEach(l -> l.accept(report));
        return report;
    }

    public synchronized void setThresholds(Thresholds t) {
        thresholds = t;
        screener = screener().withThresholds(t);
    }

    /** Called with the report of every import that changed a list. */
    public void onChange(Consumer<ImportReport> listener) { listeners.add(listener); }

    /** Reads every entry from the store and builds a new screener. */
    public synchronized void reload() {
        // the hashes before the entries: an import landing in between makes the next check reload again, never miss it
        Map<String, String> hashes = hashes(store.status());
        screener = Screener.of(store.allEntries(), thresholds);
        loaded = hashes;
    }

    /**
     * Reloads if the lists in the store are not the ones in memory (a list imported, replaced or
     * dropped elsewhere); one small query when nothing changed. Returns whether it reloaded.
     */
    public boolean reloadIfChanged() {
        if (hashes(store.status()).equals(loaded)) return false;
        synchronized (this) {
            if (hashes(store.status()).equals(loaded)) return false;
            reload();
            return true;
        }
    }

    private static Map<String, String> hashes(List<ListStatus> status) {
        return status.stream().collect(Collectors.toUnmodifiableMap(ListStatus::list, ListStatus::sha256));
    }
}
