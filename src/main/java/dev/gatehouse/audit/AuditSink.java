package dev.gatehouse.audit;

/**
 * Where the request path hands audit entries: {@link #submit} never blocks (safe on an event
 * loop); the entries are appended to the {@link AuditLog} in order, in batches, on a worker.
 */
public interface AuditSink {
    void submit(AuditEntry entry);
}
