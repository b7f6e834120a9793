package dev.gatehouse.reports;

import dev.gatehouse.accounts.Customer;
import dev.gatehouse.reports.KycSnapshot.CustomerKyc;

import java.util.List;

/**
 * Every customer with its customer identification (CIP) record, verification and screening state,
 * in the order the customers were created. With a period, only the customers whose account was
 * open at some time in it (opened before its end, not closed before its start). The records are
 * as they stand when the report is made, not as they stood at the period's end.
 */
final class CustomerIdentificationReport implements Report {
    private static final List<Column> COLUMNS =
            CustomerColumns.concat(CustomerColumns.IDENTITY, CustomerColumns.VERIFICATION, CustomerColumns.SCREENING);

    @Override public String name() { return "customer-identification"; }

    @Override public String title() { return "Customer identification report"; }

    @Override public String description() {
        return "Every customer with its CIP fields, foreign and PRC-resident status, verification and screening state."
                + " With a period: the customers whose account was open during it.";
    }

    @Override public PeriodUse period() { return PeriodUse.OPTIONAL; }

    @Override public List<Column> columns() { return COLUMNS; }

    @Override
    public ReportTable run(ReportSource source, ReportRequest request) {
        ReportTable table = new ReportTable(COLUMNS);
        ReportPeriod period = request.period();
        int withoutRecord = 0;
        int unverified = 0;
        for (CustomerKyc k : KycSnapshot.load(source.db()).values()) {
            if (period != null && !openDuring(k.customer(), period)) continue;
            ReportTable.Row row = table.row();
            CustomerColumns.identity(row, k);
            CustomerColumns.verification(row, k);
            CustomerColumns.screening(row, k);
            row.add();
            if (k.cip() == null) withoutRecord++;
            if (k.verification() == null) unverified++;
        }
        table.note("CIP records, verification and screening are shown as they stand at generated_at"
                + (period == null ? "." : "; the period only selects the customers whose account was open during it."));
        if (withoutRecord > 0) table.note(withoutRecord + " of " + Cells.count(table.rows().size(), "customer") + " without a CIP record (cip_version 0).");
        if (unverified > 0) table.note(unverified + " of " + Cells.count(table.rows().size(), "customer") + " never taken through verification.");
        return table;
    }

    private static boolean openDuring(Customer c, ReportPeriod p) {
        return c.createdAt().isBefore(p.end()) && (c.closedAt() == null || !c.closedAt().isBefore(p.start()));
    }
}
