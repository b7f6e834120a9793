package dev.gatehouse.accounts;

/** A stored credential cannot be decrypted: the master key is not the one it was sealed with, or the data was altered. */
public final class VaultException extends RuntimeException {
    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
