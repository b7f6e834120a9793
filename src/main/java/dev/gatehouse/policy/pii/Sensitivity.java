package dev.gatehouse.policy.pii;

/**
 * PIPL category of a kind of personal information: identity documents and financial accounts are
 * "sensitive personal information" (PIPL art. 28) and count against the lower cross-border threshold.
 */
public enum Sensitivity {
    ORDINARY,
    SENSITIVE
}
