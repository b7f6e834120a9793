package dev.gatehouse.simulator;

/**
 * One upstream API family the simulator speaks. Its operations are routed by {@link SimRouter};
 * what they share is the shape of their errors, which status faults and rejected requests use.
 */
interface Dialect {

    /** This dialect's error answer for an HTTP status. */
    Reply.Plain error(int status, String message);
}
