package dev.airlock.examples;

/**
 * Prints each argument in brackets, then a clock reading: a replay must pass the exact recorded
 * arguments (spaces, quotes and empty strings included), not a re-split command line.
 */
public final class EchoArgs {

    private EchoArgs() {
    }

    public static void main(String[] args) {
        for (String a : args) {
            System.out.println("[" + a + "]");
        }
        System.out.println("at " + System.nanoTime());
    }
}
