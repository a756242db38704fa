package dev.airlock.examples;

import java.util.Random;

/**
 * Ends through {@code System.exit(3)} instead of returning from {@code main}, so the recorder must
 * close its journal from an exit path.
 *
 * <p>Expected output: one line {@code random: <n>}, different on each plain run and reproduced by
 * replay; exit code 3 in both.
 */
public final class ExitWithCode {

    private ExitWithCode() {
    }

    public static void main(String[] args) {
        System.out.println("random: " + new Random().nextInt(1_000_000));
        System.exit(3);
    }
}
