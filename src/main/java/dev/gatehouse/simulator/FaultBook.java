package dev.gatehouse.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The registered faults, in registration order, each with how many uses it has left.
 * Called from the event loop and from test threads, so every method is synchronized.
 */
final class FaultBook {
    private static final class Entry {
        final Fault fault;
        int remaining; // meaningless when fault.times() == 0 (unlimited)

        Entry(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Fault fault) {
        entries.add(new Entry(fault));
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized List<Fault> list() {
        return entries.stream().map(e -> e.fault).toList();
    }

    /**
     * The first registered fault matching the request, using up one of its times; otherwise the
     * fault the model name asks for by convention.
     */
    synchronized Optional<Fault> take(String path, String model) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (!e.fault.matches(path, model)) continue;
            if (e.fault.times() > 0 && --e.remaining == 0) it.remove();
            return Optional.of(e.fault);
        }
        return Fault.fromModelName(model);
    }
}
