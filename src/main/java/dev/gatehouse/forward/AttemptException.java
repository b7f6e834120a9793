package dev.gatehouse.forward;

import dev.gatehouse.routing.AttemptFailure;

/** Carries an {@link AttemptFailure} through a failed future. No stack trace: it is an outcome. */
final class AttemptException extends RuntimeException {
    final AttemptFailure failure;

    AttemptException(AttemptFailure failure) {
        super(failure.error().getMessage(), null, false, false);
        this.failure = failure;
    }
}
