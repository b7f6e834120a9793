package dev.gatehouse.accounts;

/**
 * Told by the stores, after a commit, that a key or a customer changed, so that this instance's
 * {@link KeyDirectory} applies it at once instead of at its next refresh. Other instances learn
 * of it by their own refresh. Called on the (blocking) thread that made the change.
 */
public interface AccountChanges {
    AccountChanges NONE = new AccountChanges() {
        @Override public void keyChanged(String keyId) {}
        @Override public void customerChanged(String customerId) {}
    };

    void keyChanged(String keyId);

    void customerChanged(String customerId);
}
