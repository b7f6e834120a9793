/**
 * Personal data in prompts: detectors for the kinds of personal information PIPL cares about
 * ({@link dev.gatehouse.policy.pii.PiiDetector}), redaction into typed placeholders with a
 * per-request {@link dev.gatehouse.policy.pii.RedactionMap}, restoration of placeholders in
 * complete and streamed responses ({@link dev.gatehouse.policy.pii.StreamingRestorer}),
 * observation-only scanning of streamed responses ({@link dev.gatehouse.policy.pii.StreamingScanner}),
 * and the per-year count of cross-border subjects ({@link dev.gatehouse.policy.pii.SubjectCounter}).
 * Nothing here does I/O or blocks, so it can run on an event loop.
 */
package dev.gatehouse.policy.pii;
