package dev.gatehouse.admin;

import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

/** Projects of a customer; the store only ever reaches a project through its customer. */
final class ProjectsHandler {
    private final Subsystems s;

    ProjectsHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.POST, "/customers/{customer_id}/projects", Access.WRITE, this::create);
        b.add(HttpMethod.GET, "/customers/{customer_id}/projects", Access.READ, this::list);
        b.add(HttpMethod.GET, "/customers/{customer_id}/projects/{project_id}", Access.READ, this::get);
        b.add(HttpMethod.PATCH, "/customers/{customer_id}/projects/{project_id}", Access.WRITE, this::rename);
    }

    private Future<Reply> create(AdminRequest r) {
        String name = r.input("name").text("name");
        return s.blocking().run(() -> s.projects().create(r.customerId(), name)).map(p -> Reply.created(Views.project(p)));
    }

    private Future<Reply> list(AdminRequest r) {
        return s.blocking().run(() -> s.projects().listForCustomer(r.customerId())).map(l -> Reply.ok(Views.list(l, Views::project)));
    }

    private Future<Reply> get(AdminRequest r) {
        String id = r.path("project_id");
        return s.blocking().run(() -> s.projects().get(r.customerId(), id).orElseThrow(() -> AdminErrors.notFound("project " + id)))
                .map(p -> Reply.ok(Views.project(p)));
    }

    private Future<Reply> rename(AdminRequest r) {
        String name = r.input("name").text("name");
        return s.blocking().run(() -> s.projects().rename(r.customerId(), r.path("project_id"), name)).map(p -> Reply.ok(Views.project(p)));
    }
}
