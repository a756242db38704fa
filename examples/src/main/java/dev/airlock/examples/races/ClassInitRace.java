package dev.airlock.examples.races;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Three threads and main race to first use a class whose initializer is long (thousands of calls) and
 * sleeps; whichever comes first initializes it, and the others wait inside the JVM until it is done.
 * Which thread it was, and the order the threads finish in, differ from run to run.
 */
public final class ClassInitRace {

    static final class Table {
        static final String INITIALIZED_BY = Thread.currentThread().getName();
        static final long[] VALUES = new long[5000];

        static {
            for (int i = 0; i < VALUES.length; i++) {
                VALUES[i] = mix(i);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Table() {
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            return z ^ (z >>> 31);
        }
    }

    private static final StringBuffer finished = new StringBuffer();

    public static void main(String[] args) throws InterruptedException {
        Thread[] readers = new Thread[3];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = new Thread(ClassInitRace::read, "reader-" + r);
            readers[r].start();
        }
        read();
        for (Thread t : readers) {
            t.join();
        }
        System.out.println("initialized by " + Table.INITIALIZED_BY + "; finished: " + finished);
    }

    private static long spinStep(long z) {
        return z * 0x9E3779B97F4A7C15L >>> 7;
    }

    private static void read() {
        long spin = ThreadLocalRandom.current().nextInt(20_000);
        long x = 0;
        for (long i = 0; i < spin; i++) {
            x += spinStep(i) & 1;
        }
        long sum = x & 0;
        for (long v : Table.VALUES) {
            sum += v & 0xF;
        }
        finished.append(Thread.currentThread().getName()).append('=').append(sum).append(' ');
    }
}
