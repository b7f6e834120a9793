package dev.gatehouse.simulator;

/** One simulated endpoint: turns a received call into the reply to send. Runs on the event loop. */
@FunctionalInterface
interface Operation {
    Reply answer(Call call, Timing timing);
}
