package dev.airlock.recorder.instrument;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Small classes whose compiled bytes {@link CallSiteRewriterTest} rewrites. Each holds the calls its name
 * says and nothing else; the tests read their class files from the test classpath.
 */
public final class RewriteFixtures {

    private RewriteFixtures() {
    }

    /** One {@code System.nanoTime()}. */
    public static final class Nanos {
        public static long now() {
            return System.nanoTime();
        }
    }

    /** Two {@code System.nanoTime()} calls on different lines of one method. */
    public static final class Elapsed {
        public static long elapsed() {
            long start = System.nanoTime();
            long end = System.nanoTime();
            return end - start;
        }
    }

    /** {@code System.getenv(String)}. */
    public static final class Env {
        public static String get(String name) {
            return System.getenv(name);
        }
    }

    /** {@code Math.random()}. */
    public static final class Dice {
        public static double roll() {
            return Math.random();
        }
    }

    /** {@code Runtime.availableProcessors()}. */
    public static final class Cpus {
        public static int count() {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** {@code InetAddress.getLocalHost()}. */
    public static final class Host {
        public static InetAddress local() throws UnknownHostException {
            return InetAddress.getLocalHost();
        }
    }

    /** Nothing nondeterministic: arithmetic and a call that is not captured. */
    public static final class Plain {
        public static int twice(int x) {
            return Math.addExact(x, x);
        }

        public static String name() {
            return String.valueOf(System.identityHashCode(Plain.class) != 0);
        }
    }

    /** A main method that reads the clock, for the main-class entry hook. */
    public static final class App {
        public static long seen;

        public static void main(String[] args) {
            seen = System.nanoTime() + args.length;
        }

        /** Same name, other descriptor: never the entry point. */
        public static void main(String arg) {
            seen = arg.length();
        }
    }

    /** A main method with nothing captured in it. */
    public static final class QuietApp {
        public static int calls;

        public static void main(String[] args) {
            calls++;
        }
    }
}
