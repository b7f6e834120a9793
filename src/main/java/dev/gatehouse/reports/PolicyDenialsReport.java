package dev.gatehouse.reports;

import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.policy.DecisionRecord;
import dev.gatehouse.reports.PolicyDenialLog.Denial;
import dev.gatehouse.reports.PolicyDenialLog.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy denials over a period, counted per rule, customer, customer country and client country,
 * with the first and last of each group. Entries a retention purge erased are counted in a group
 * of their own (entry_state purged), as are entries that no longer read (unreadable).
 */
final class PolicyDenialsReport implements Report {
    private static final List<Column> COLUMNS = List.of(
            new Column("entry_state", "recorded; purged (erased by retention: only the count and times remain); unreadable"),
            new Column("code", "The error code the client got, policy.<rule> (e.g. policy.embargo)"),
            new Column("rule", "The rule that denied"),
            new Column("customer_id", "The customer; empty for keys from the config file"),
            new Column("customer_name", "Its legal name"),
            new Column("customer_country", "The customer's country as the decision saw it"),
            new Column("client_country", "The country of the client's IP address; empty when unknown"),
            new Column("denials", "How many requests were denied"),
            new Column("first_at", "The first of them (UTC)"),
            new Column("last_at", "The last of them (UTC)"));

    /** What a group is counted by. */
    private record Key(State state, String code, String rule, String customerId, String customerCountry, String clientCountry) {
        static Key of(Denial d) {
            DecisionRecord r = d.record();
            return r == null ? new Key(d.state(), null, null, null, null, null)
                    : new Key(d.state(), r.code(), r.rule(), r.customerId(), r.customerCountry(), r.clientCountry());
        }
    }

    private static final class Group {
        long count;
        Instant first;
        Instant last;
    }

    private static final Comparator<String> TEXT = Comparator.nullsLast(Comparator.naturalOrder());

    @Override public String name() { return "policy-denials"; }

    @Override public String title() { return "Policy denials by rule, customer and country"; }

    @Override public String description() {
        return "Requests the policy denied over the period, counted per rule, customer, customer country and client country,"
                + " with the first and last time of each.";
    }

    @Override public PeriodUse period() { return PeriodUse.REQUIRED; }

    @Override public List<Column> columns() { return COLUMNS; }

    @Override
    public ReportTable run(ReportSource source, ReportRequest request) {
        Map<Key, Group> groups = new HashMap<>();
        PolicyDenialLog.forEach(source.db(), request.period(), d -> {
            Group g = groups.computeIfAbsent(Key.of(d), k -> new Group());
            g.count++;
            if (g.first == null) g.first = d.at(); // oldest first
            g.last = d.at();
        });
        CustomerStore customers = new CustomerStore(source.db(), AccountChanges.NONE);
        Map<String, String> names = new HashMap<>();
        List<Map.Entry<Key, Group>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<Key, Group> e) -> -e.getValue().count)
                .thenComparing(e -> e.getKey().state())
                .thenComparing(e -> e.getKey().code(), TEXT).thenComparing(e -> e.getKey().rule(), TEXT)
                .thenComparing(e -> e.getKey().customerId(), TEXT).thenComparing(e -> e.getKey().customerCountry(), TEXT)
                .thenComparing(e -> e.getKey().clientCountry(), TEXT));
        ReportTable table = new ReportTable(COLUMNS);
        long total = 0;
        Map<State, Long> byState = new HashMap<>();
        for (Map.Entry<Key, Group> e : sorted) {
            Key k = e.getKey();
            Group g = e.getValue();
            String name = k.customerId() == null ? null : names.computeIfAbsent(k.customerId(),
                    id -> customers.get(id).map(Customer::name).orElse(null));
            table.row().set("entry_state", k.state().wire()).set("code", k.code()).set("rule", k.rule())
                    .set("customer_id", k.customerId()).set("customer_name", name)
                    .set("customer_country", k.customerCountry()).set("client_country", k.clientCountry())
                    .set("denials", g.count).set("first_at", g.first).set("last_at", g.last).add();
            total += g.count;
            byState.merge(k.state(), g.count, Long::sum);
        }
        table.note(Cells.count(total, "denial") + " from " + request.period().start() + " to " + request.period().end() + " (exclusive).");
        long purged = byState.getOrDefault(State.PURGED, 0L);
        if (purged > 0) table.note("Erased by the audit retention purge: " + purged + " (counted; their details are gone).");
        long unreadable = byState.getOrDefault(State.UNREADABLE, 0L);
        if (unreadable > 0) table.note("Without a readable decision record: " + unreadable + " (the policy-denials-detail report gives their seq).");
        return table;
    }
}
