package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A client key allowed to call the gateway (until keys move into the store). */
public record ApiKeyConfig(String name, Secret key) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ApiKeyConfig(@JsonProperty("name") String name, @JsonProperty("key") Secret key) {
        this.name = name;
        this.key = key;
    }

    /** A bare string in the list is a key without a name. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ApiKeyConfig of(String key) {
        return new ApiKeyConfig(null, new Secret(key));
    }
}
