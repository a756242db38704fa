package dev.airlock.examples;

import java.util.Random;

/**
 * Dies with an uncaught exception from {@code main}, so the recorder must keep what it recorded
 * before the failure.
 *
 * <p>Expected output: one line {@code random: <n>} on stdout, different on each plain run and
 * reproduced by replay, then an {@code IllegalStateException} stack trace on stderr; exit code 1.
 */
public final class ThrowsInMain {

    private ThrowsInMain() {
    }

    public static void main(String[] args) {
        System.out.println("random: " + new Random().nextInt(1_000_000));
        throw new IllegalStateException("thrown on purpose by ThrowsInMain");
    }
}
