package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerUpdate;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.accounts.Page;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.util.List;

/**
 * Customers. Creating, changing details and changing status are the operator's: a customer must
 * not be able to lift its own suspension, nor rewrite the legal name and country that compliance
 * screens. A customer-scoped principal lists and reads only its own customer.
 */
final class CustomersHandler {
    private static final String[] FIELDS = {"name", "kind", "country", "email", "phone"};
    private final Subsystems s;

    CustomersHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.POST, "/customers", Access.OPERATOR_WRITE, this::create);
        b.add(HttpMethod.GET, "/customers", Access.READ, this::list);
        b.add(HttpMethod.GET, "/customers/{customer_id}", Access.READ, this::get);
        b.add(HttpMethod.PATCH, "/customers/{customer_id}", Access.OPERATOR_WRITE, this::update);
        b.add(HttpMethod.POST, "/customers/{customer_id}/status", Access.OPERATOR_WRITE, this::status);
    }

    private Future<Reply> create(AdminRequest r) {
        Input in = r.input("name", "kind", "country", "email", "phone", "status");
        NewCustomer c = new NewCustomer(in.text("name"), CustomerKind.parse(in.text("kind")), in.text("country"),
                in.optText("email"), in.optText("phone"), in.has("status") ? CustomerStatus.parse(in.text("status")) : null);
        // screened inline: a block hit suspends the customer before the answer
        return s.blocking().run(() -> s.screening().onboard(c, r.principal().actor())).map(x -> Reply.created(Views.customer(x)));
    }

    private Future<Reply> list(AdminRequest r) {
        r.allowQuery("offset", "limit");
        int offset = r.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        int limit = r.queryInt("limit", 100, 1, 1000);
        String own = r.principal().customerId();
        return s.blocking().run(() -> own == null ? s.customers().list(offset, limit)
                : new Page<>(offset == 0 ? s.customers().get(own).stream().toList() : List.of(), null)).map(page -> {
            ObjectNode body = Views.list(page.items(), Views::customer);
            if (page.nextOffset() == null) body.putNull("next_offset");
            else body.put("next_offset", page.nextOffset());
            return Reply.ok(body);
        });
    }

    private Future<Reply> get(AdminRequest r) {
        return s.blocking().run(() -> s.customers().get(r.customerId()).orElseThrow(() -> AdminErrors.notFound("customer " + r.customerId())))
                .map(c -> Reply.ok(Views.customer(c)));
    }

    private Future<Reply> update(AdminRequest r) {
        Input in = r.input(FIELDS);
        CustomerUpdate u = new CustomerUpdate(in.optText("name"), in.has("kind") ? CustomerKind.parse(in.text("kind")) : null,
                in.optText("country"), in.optText("email"), in.optText("phone"));
        return s.blocking().run(() -> s.screening().update(r.customerId(), u, r.principal().actor()))
                .map(c -> Reply.ok(Views.customer(c)));
    }

    private Future<Reply> status(AdminRequest r) {
        CustomerStatus status = CustomerStatus.parse(r.input("status").text("status"));
        return s.blocking().run(() -> s.customers().changeStatus(r.customerId(), status)).map(c -> Reply.ok(Views.customer(c)));
    }
}
