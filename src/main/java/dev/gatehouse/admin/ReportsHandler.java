package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.reports.Column;
import dev.gatehouse.reports.Parameter;
import dev.gatehouse.reports.Report;
import dev.gatehouse.reports.ReportFormat;
import dev.gatehouse.reports.ReportInputException;
import dev.gatehouse.reports.ReportPeriod;
import dev.gatehouse.reports.ReportRequest;
import dev.gatehouse.reports.Reports;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The compliance reports, as {@code gatehouse report} makes them: {@code GET /reports} lists them,
 * {@code GET /reports/{name}?from=&to=&format=csv|json} makes one (JSON unless asked for CSV).
 * Operator staff with the owner, admin or compliance role only: a report holds every customer's
 * identity records. The store is read off the event loop, and so is the rendering.
 */
final class ReportsHandler {
    private static final String[] PARAMETERS = {"min_tokens", "min_spend_usd"};
    private final Subsystems s;

    ReportsHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.GET, "/reports", Access.COMPLIANCE_READ, this::list);
        b.add(HttpMethod.GET, "/reports/{name}", Access.COMPLIANCE_READ, this::run);
    }

    private Future<Reply> list(AdminRequest r) {
        r.allowQuery();
        ObjectNode body = Views.object();
        ArrayNode data = body.putArray("data");
        for (Report report : Reports.ALL) {
            ObjectNode n = data.addObject().put("name", report.name()).put("title", report.title())
                    .put("description", report.description()).put("period", report.period().name().toLowerCase(Locale.ROOT));
            ArrayNode params = n.putArray("parameters");
            for (Parameter p : report.parameters()) params.addObject().put("name", p.name()).put("description", p.description());
            ArrayNode columns = n.putArray("columns");
            for (Column c : report.columns()) columns.addObject().put("name", c.name()).put("description", c.description());
        }
        return Future.succeededFuture(Reply.ok(body));
    }

    private Future<Reply> run(AdminRequest r) {
        r.allowQuery("from", "to", "format", "min_tokens", "min_spend_usd");
        String name = r.path("name");
        ReportFormat format;
        ReportRequest request;
        try {
            Reports.find(name);
            format = r.query("format") == null ? ReportFormat.JSON : ReportFormat.parse(r.query("format"));
            Map<String, String> params = new LinkedHashMap<>();
            for (String p : PARAMETERS) if (r.query(p) != null) params.put(p, r.query(p));
            request = new ReportRequest(ReportPeriod.parse(r.query("from"), r.query("to")), params);
        } catch (ReportInputException e) {
            throw refused(e);
        }
        return s.blocking().run(() -> {
            try {
                return Reply.text(format.contentType(), format.render(Reports.run(s.reports(), name, request)));
            } catch (ReportInputException e) {
                throw refused(e);
            }
        });
    }

    private static GatewayException refused(ReportInputException e) {
        if (e instanceof ReportInputException.UnknownReport) {
            String m = e.getMessage();
            return new GatewayException(ErrorCode.NOT_FOUND, Character.toUpperCase(m.charAt(0)) + m.substring(1) + ".", e.field());
        }
        return GatewayException.invalid(e.field() + " " + e.getMessage() + ".", e.field());
    }
}
