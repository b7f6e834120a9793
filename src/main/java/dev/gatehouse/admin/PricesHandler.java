package dev.gatehouse.admin;

import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.math.BigDecimal;
import java.time.Instant;

/** The price table: history, so prices are added (with an effective time), never edited. Everyone may read it. */
final class PricesHandler {
    private final Subsystems s;

    PricesHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.POST, "/prices", Access.OPERATOR_WRITE, this::add);
        b.add(HttpMethod.GET, "/prices", Access.READ,
                r -> s.blocking().run(() -> s.prices().list()).map(l -> Reply.ok(Views.list(l, Views::price))));
    }

    private Future<Reply> add(AdminRequest r) {
        Input in = r.input("provider", "model", "currency", "input_per_million", "output_per_million",
                "cached_input_per_million", "effective_from");
        String provider = in.text("provider");
        String model = in.text("model");
        String currency = in.text("currency");
        BigDecimal input = in.decimal("input_per_million");
        BigDecimal output = in.decimal("output_per_million");
        BigDecimal cached = in.optDecimal("cached_input_per_million");
        Instant from = in.optInstant("effective_from");
        return s.blocking().run(() -> s.prices().add(provider, model, currency, input, output, cached, from))
                .map(p -> Reply.created(Views.price(p)));
    }
}
