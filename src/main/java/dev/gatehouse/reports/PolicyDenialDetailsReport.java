package dev.gatehouse.reports;

import dev.gatehouse.policy.DecisionRecord;

import java.util.List;

/** Every policy denial of a period, one row each, oldest first: the detail behind the policy-denials counts. */
final class PolicyDenialDetailsReport implements Report {
    private static final List<Column> COLUMNS = List.of(
            new Column("seq", "The audit log entry (audit tail and verify name entries by it)"),
            new Column("at", "When (UTC)"),
            new Column("entry_state", "recorded; purged (erased by retention); unreadable"),
            new Column("request_id", "The request's x-request-id"),
            new Column("code", "The error code the client got, policy.<rule>"),
            new Column("rule", "The rule that denied"),
            new Column("route", "The model the client asked for"),
            new Column("key_id", "The key used"),
            new Column("customer_id", "The key's customer; empty for keys from the config file"),
            new Column("customer_country", "The customer's country"),
            new Column("client_ip", "The client's IP address"),
            new Column("client_country", "Its country; empty when unknown"),
            new Column("message", "What the client was told"));

    @Override public String name() { return "policy-denials-detail"; }

    @Override public String title() { return "Policy denials, one by one"; }

    @Override public String description() { return "Every request the policy denied over the period, oldest first, with the facts of the decision."; }

    @Override public PeriodUse period() { return PeriodUse.REQUIRED; }

    @Override public List<Column> columns() { return COLUMNS; }

    @Override
    public ReportTable run(ReportSource source, ReportRequest request) {
        ReportTable table = new ReportTable(COLUMNS);
        PolicyDenialLog.forEach(source.db(), request.period(), d -> {
            DecisionRecord r = d.record();
            boolean has = r != null;
            table.row().set("seq", d.seq()).set("at", d.at()).set("entry_state", d.state().wire())
                    .set("request_id", has ? r.requestId() : null).set("code", has ? r.code() : null).set("rule", has ? r.rule() : null)
                    .set("route", has ? r.route() : null).set("key_id", has ? r.keyId() : null)
                    .set("customer_id", has ? r.customerId() : null).set("customer_country", has ? r.customerCountry() : null)
                    .set("client_ip", has ? r.clientIp() : null).set("client_country", has ? r.clientCountry() : null)
                    .set("message", has ? r.message() : null).add();
        });
        table.note(Cells.count(table.rows().size(), "denial") + " from " + request.period().start() + " to " + request.period().end() + " (exclusive)."
                + " Purged entries were erased by the audit retention purge and keep only their time.");
        return table;
    }
}
