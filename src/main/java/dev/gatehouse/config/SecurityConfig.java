package dev.gatehouse.config;

/**
 * Secrets of the gateway itself. The master key (32 bytes, base64) encrypts provider credentials at
 * rest; it comes from {@code masterKey} (write {@code ${GATEHOUSE_MASTER_KEY}}) or from the file
 * {@code masterKeyFile}, which is created with a fresh random key on first start if missing.
 */
public record SecurityConfig(Secret masterKey, String masterKeyFile) {
    public static final SecurityConfig DEFAULTS = new SecurityConfig(null, "./data/master.key");

    public SecurityConfig over(SecurityConfig base) {
        return new SecurityConfig(masterKey != null ? masterKey : base.masterKey,
                masterKeyFile != null ? masterKeyFile : base.masterKeyFile);
    }
}
