package dev.gatehouse.compliance.screening;

import dev.gatehouse.store.Database;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The screening lists of a gateway: stored in the database, held in memory as a {@link Screener}
 * that is rebuilt after every import that changed something. Listeners hear of each change (the
 * compliance layer rescreens every customer then). Imports and loads block: run them off the event loop.
 */
public final class ScreeningLists {
    private final ListStore store;
    private final List<Consumer<ImportReport>> listeners = new CopyOnWriteArrayList<>();
    private volatile Thresholds thresholds;
    private volatile Screener screener;

    public ScreeningLists(Database db, Thresholds thresholds) {
        this.store = new ListStore(db);
        this.thresholds = thresholds;
        reload();
    }

    /** The current snapshot; it does not change under a caller (a new import makes a new one). */
    public Screener screener() { return screener; }

    public ScreeningResult screen(Subject subject) { return screener.screen(subject); }

    public List<ListStatus> status() { return store.status(); }

    public boolean isEmpty() { return screener.entryCount() == 0; }

    /** Stores a parsed list (one transaction) and, if it changed anything, rebuilds the screener and tells the listeners. */
    public synchronized ImportReport importList(ParsedList list) {
        ImportReport report = store.replace(list);
        if (!report.unchanged()) {
            reload();
            listeners.forEach(l -> l.accept(report));
        }
        return report;
    }

    public void setThresholds(Thresholds t) {
        thresholds = t;
        screener = screener.withThresholds(t);
    }

    /** Called with the report of every import that changed a list. */
    public void onChange(Consumer<ImportReport> listener) { listeners.add(listener); }

    /** Reads every entry from the store and builds a new screener. */
    public synchronized void reload() {
        screener = Screener.of(store.allEntries(), thresholds);
    }
}
