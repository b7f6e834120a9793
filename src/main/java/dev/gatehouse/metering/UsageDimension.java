package dev.gatehouse.metering;

import dev.gatehouse.api.GatewayException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What usage can be grouped by. {@code model} is the route the client named. */
public enum UsageDimension {
    CUSTOMER("customer_id"),
    PROJECT("project_id"),
    KEY("key_id"),
    MODEL("route"),
    UPSTREAM_MODEL("upstream_model"),
    PROVIDER("provider");

    final String column;

    UsageDimension(String column) { this.column = column; }

    /** The wire name: {@code customer}, {@code project}, {@code key}, {@code model}, {@code upstream_model}, {@code provider}. */
    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    /** Parses a wire name; anything else fails with a 400 that lists the accepted names. */
    public static UsageDimension parse(String name) {
        for (UsageDimension d : values()) if (d.wireName().equals(name)) return d;
        throw GatewayException.invalid("Cannot group usage by '" + name + "'; use one of: "
                + Arrays.stream(values()).map(UsageDimension::wireName).collect(Collectors.joining(", ")) + ".", "group_by");
    }
}
