package dev.airlock.examples;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo program: one line per common source of nondeterminism (wall clock, monotonic clock,
 * {@code java.time}, dice from {@code new Random()}, {@code Math.random()}, a random UUID,
 * {@code ThreadLocalRandom}, the environment, the CPU count and the process id).
 *
 * <p>Expected output: about a dozen lines such as {@code dice: 3 5 1 6 2}; two plain runs differ,
 * a replay prints exactly what the recording printed. The optional first argument is the number of
 * dice rounds (default 1), one {@code dice:} line per round. Exits with code 0.
 */
public final class ClockAndDice {

    private static long sink;

    private ClockAndDice() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;

        System.out.println("currentTimeMillis: " + System.currentTimeMillis());
        long start = System.nanoTime();
        sink += spin(200_000);
        System.out.println("busy loop took: " + (System.nanoTime() - start) + " ns");
        System.out.println("Instant.now: " + Instant.now());
        System.out.println("LocalDateTime.now: " + LocalDateTime.now());

        Random random = new Random();
        for (int round = 0; round < rounds; round++) {
            StringBuilder dice = new StringBuilder("dice:");
            for (int i = 0; i < 5; i++) {
                dice.append(' ').append(random.nextInt(6) + 1);
            }
            System.out.println(dice);
        }

        System.out.println("Math.random: " + Math.random());
        System.out.println("UUID: " + UUID.randomUUID());
        System.out.println("ThreadLocalRandom: " + ThreadLocalRandom.current().nextInt(1000));
        System.out.println("HOME: " + System.getenv("HOME"));
        System.out.println("env vars: " + System.getenv().size());
        System.out.println("processors: " + Runtime.getRuntime().availableProcessors());
        System.out.println("pid: " + ProcessHandle.current().pid());
    }

    private static long spin(int iterations) {
        long acc = 0;
        for (int i = 0; i < iterations; i++) {
            acc = acc * 31 + i;
        }
        return acc;
    }
}
