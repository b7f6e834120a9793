package dev.gatehouse.config;

/** The configuration cannot be used; the message says where and why. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) { super(message); }

    public ConfigException(String message, Throwable cause) { super(message, cause); }
}
