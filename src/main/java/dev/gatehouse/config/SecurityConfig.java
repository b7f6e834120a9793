package dev.gatehouse.config;

/**
 * Secrets of the gateway itself. The master key (32 bytes, base64) encrypts provider credentials at
 * rest; it comes from {@code masterKey} (write {@code ${GATEHOUSE_MASTER_KEY}}) or from the file
 * {@code masterKeyFile}, which is created with a fresh random key on first start if missing.
 * {@code auditKeyFile} holds the Ed25519 key that signs the audit trail's checkpoints (created
 * on first start, with its public half beside it as {@code FILE.pub}).
 */
public record SecurityConfig(Secret masterKey, String masterKeyFile, String auditKeyFile) {
    public static final SecurityConfig DEFAULTS = new SecurityConfig(null, "./data/master.key", "./data/audit.key");

    public SecurityConfig over(SecurityConfig base) {
        return new SecurityConfig(masterKey != null ? masterKey : base.masterKey,
                masterKeyFile != null ? masterKeyFile : base.masterKeyFile,
                auditKeyFile != null ? auditKeyFile : base.auditKeyFile);
    }
}
