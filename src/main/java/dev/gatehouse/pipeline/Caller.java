package dev.gatehouse.pipeline;

/** Who is calling, once authenticated: the key's id (never the key itself) and its display name. */
public record Caller(String keyId, String name) {
}
