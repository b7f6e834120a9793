package dev.gatehouse.admin;

import io.vertx.core.Future;

/** One route's work. Runs on the event loop: store calls go through {@code Subsystems.blocking()}. */
@FunctionalInterface
interface Endpoint {
    Future<Reply> handle(AdminRequest request);
}
