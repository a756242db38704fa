package dev.airlock.recorder.instrument;

import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/** Method references, for {@link MethodReferenceRewriterTest}. Each method makes one and calls it once. */
public final class MethodReferenceFixtures {

    private MethodReferenceFixtures() {
    }

    /** References to captured methods: static, bound to a receiver, and unbound on an interface. */
    public static final class Captured {
        public static long nanos() {
            LongSupplier clock = System::nanoTime;
            return clock.getAsLong();
        }

        public static double dice() {
            DoubleSupplier dice = Math::random;
            return dice.getAsDouble();
        }

        public static int cpus() {
            IntSupplier cpus = Runtime.getRuntime()::availableProcessors;
            return cpus.getAsInt();
        }

        public static long pid(ProcessHandle process) {
            ToLongFunction<ProcessHandle> pid = ProcessHandle::pid;
            return pid.applyAsLong(process);
        }

        public static String text(Object value) {
            Function<Object, String> text = String::valueOf;
            return text.apply(value);
        }
    }

    /** A reference to a method nothing captures. */
    public static final class Uncaptured {
        public static String text(Object value) {
            Function<Object, String> text = String::valueOf;
            return text.apply(value);
        }
    }

    /** A reference inside an interface: its bridge must be a private interface method. */
    public interface Timed {
        static long now() {
            LongSupplier clock = System::nanoTime;
            return clock.getAsLong();
        }
    }
}
