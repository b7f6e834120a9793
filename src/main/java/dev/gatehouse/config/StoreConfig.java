package dev.gatehouse.config;

/**
 * Where customers, keys, limits and the usage ledger live. The default is an embedded H2 file
 * under {@code ./data}; a {@code jdbc:postgresql://} URL selects PostgreSQL for production.
 */
public record StoreConfig(String url, String user, Secret password, Integer maxPoolSize) {
    public static final StoreConfig DEFAULTS = new StoreConfig("jdbc:h2:file:./data/gatehouse", "gatehouse", null, 8);

    public StoreConfig over(StoreConfig base) {
        return new StoreConfig(url != null ? url : base.url, user != null ? user : base.user,
                password != null ? password : base.password, maxPoolSize != null ? maxPoolSize : base.maxPoolSize);
    }
}
