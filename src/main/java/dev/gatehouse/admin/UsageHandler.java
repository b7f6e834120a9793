package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.metering.UsageBucket;
import dev.gatehouse.metering.UsageDimension;
import dev.gatehouse.metering.UsageFilter;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/**
 * Usage from the ledger: totals, totals per group, time series and CSV. A customer-scoped
 * principal's queries are confined to its customer; naming another customer is 404.
 */
final class UsageHandler {
    private static final String[] FILTERS = {"customer_id", "project_id", "key_id", "model", "provider", "from", "to"};
    private final Subsystems s;

    UsageHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.GET, "/usage", Access.READ, this::totals);
        b.add(HttpMethod.GET, "/usage/groups", Access.READ, this::groups);
        b.add(HttpMethod.GET, "/usage/series", Access.READ, this::series);
        b.add(HttpMethod.GET, "/usage/export.csv", Access.READ, this::csv);
    }

    private Future<Reply> totals(AdminRequest r) {
        r.allowQuery(FILTERS);
        UsageFilter f = filter(r);
        return s.blocking().run(() -> s.usage().totals(f)).map(t -> Reply.ok(Views.totals(t)));
    }

    private Future<Reply> groups(AdminRequest r) {
        r.allowQuery(with("group_by"));
        UsageFilter f = filter(r);
        if (r.query("group_by") == null) throw dev.gatehouse.api.GatewayException.invalid("group_by is required.", "group_by");
        UsageDimension by = UsageDimension.parse(r.query("group_by"));
        return s.blocking().run(() -> s.usage().totalsBy(f, by)).map(groups -> {
            ObjectNode body = Views.object().put("group_by", by.wireName());
            ArrayNode data = body.putArray("data");
            groups.forEach(g -> data.add(Views.totals(g.totals()).put("group", g.group())));
            return Reply.ok(body);
        });
    }

    private Future<Reply> series(AdminRequest r) {
        r.allowQuery(with("bucket", "group_by"));
        UsageFilter f = filter(r);
        UsageBucket bucket = r.query("bucket") == null ? UsageBucket.DAY : UsageBucket.parse(r.query("bucket"));
        UsageDimension by = r.query("group_by") == null ? null : UsageDimension.parse(r.query("group_by"));
        return s.blocking().run(() -> s.usage().series(f, bucket, by)).map(points -> {
            ObjectNode body = Views.object().put("bucket", bucket.wireName()).put("group_by", by == null ? null : by.wireName());
            ArrayNode data = body.putArray("data");
            points.forEach(p -> data.add(Views.totals(p.totals()).put("start", p.start().toString()).put("group", p.group())));
            return Reply.ok(body);
        });
    }

    /** The whole export is built off the event loop, then sent; very large exports should be narrowed by time. */
    private Future<Reply> csv(AdminRequest r) {
        r.allowQuery(FILTERS);
        UsageFilter f = filter(r);
        return s.blocking().run(() -> {
            StringBuilder out = new StringBuilder();
            s.usage().exportCsv(f, out);
            return Reply.text("text/csv; charset=utf-8", out.toString());
        });
    }

    private static UsageFilter filter(AdminRequest r) {
        Principal p = r.principal();
        String customer = r.query("customer_id");
        if (customer != null && !p.sees(customer)) throw AdminErrors.notFound("customer " + customer);
        if (customer == null) customer = p.customerId(); // a customer's principal always queries its own records
        return new UsageFilter(customer, r.query("project_id"), r.query("key_id"), r.query("model"), r.query("provider"),
                r.queryInstant("from"), r.queryInstant("to"));
    }

    private static String[] with(String... extra) {
        String[] all = java.util.Arrays.copyOf(FILTERS, FILTERS.length + extra.length);
        System.arraycopy(extra, 0, all, FILTERS.length, extra.length);
        return all;
    }
}
