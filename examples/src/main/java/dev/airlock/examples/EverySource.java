package dev.airlock.examples;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.security.SecureRandom;
import java.text.SimpleDateFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Touches every clock, random, environment and host API that Airlock claims to record, one
 * labelled line each ({@code label: value}), plus JDK-internal clock use (a {@code java.util.logging}
 * record's timestamp, {@code SimpleDateFormat}), a class loaded by a separate {@code URLClassLoader}
 * and a lambda.
 *
 * <p>Expected output: about forty lines in a fixed order; values differ between plain runs, a replay
 * reproduces every line. A failing API prints {@code label: error <exception class>} and the program
 * carries on. {@code SecureRandom.getInstanceStrong()} is left out on purpose: it can block.
 * Exits with code 0.
 */
public final class EverySource {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private EverySource() {
    }

    public static void main(String[] args) {
        clocks();
        randomness();
        environment();
        jdkInternals();
        otherLoaderAndLambda();
    }

    private static void clocks() {
        line("System.currentTimeMillis", () -> System.currentTimeMillis());
        line("System.nanoTime", () -> System.nanoTime());
        line("Instant.now()", () -> Instant.now());
        line("Clock.systemUTC().millis()", () -> Clock.systemUTC().millis());
        line("Clock.systemDefaultZone().instant()", () -> Clock.systemDefaultZone().instant());
        line("Clock.systemUTC().instant()", () -> Clock.systemUTC().instant());
        line("LocalDate.now()", () -> LocalDate.now());
        line("LocalTime.now()", () -> LocalTime.now());
        line("LocalDateTime.now()", () -> LocalDateTime.now());
        line("ZonedDateTime.now()", () -> ZonedDateTime.now());
        line("OffsetDateTime.now()", () -> OffsetDateTime.now());
        line("LocalDateTime.now(UTC)", () -> LocalDateTime.now(UTC));
        line("new Date()", () -> {
            Date date = new Date();
            return date + " (" + date.getTime() + ")";
        });
        line("Calendar.getInstance().getTimeInMillis()", () -> Calendar.getInstance().getTimeInMillis());
        line("Calendar.getInstance(UTC)", () -> String.format(Locale.ROOT, "%tF %<tT.%<tL %<tZ",
                Calendar.getInstance(TimeZone.getTimeZone("UTC"))));
        line("TimeZone.getDefault().getID()", () -> TimeZone.getDefault().getID());
        line("Locale.getDefault()", () -> Locale.getDefault());
        line("Charset.defaultCharset()", () -> Charset.defaultCharset());
    }

    private static void randomness() {
        line("new Random().nextInt()", () -> new Random().nextInt());
        line("Math.random()", () -> Math.random());
        line("ThreadLocalRandom.nextLong()", () -> ThreadLocalRandom.current().nextLong());
        line("ThreadLocalRandom.nextDouble()", () -> ThreadLocalRandom.current().nextDouble());
        line("ThreadLocalRandom.nextInt(5, 50)", () -> ThreadLocalRandom.current().nextInt(5, 50));
        line("new SplittableRandom().nextInt()", () -> new SplittableRandom().nextInt());
        line("UUID.randomUUID()", () -> UUID.randomUUID());
        line("new SecureRandom().nextInt()", () -> new SecureRandom().nextInt());
        line("new SecureRandom().nextBytes(16)", () -> {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        });
        line("Collections.shuffle(1..10)", () -> {
            List<Integer> numbers = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
            Collections.shuffle(numbers);
            return numbers;
        });
    }

    private static void environment() {
        line("System.getenv(PATH)", () -> System.getenv("PATH"));
        line("System.getenv(AIRLOCK_EXAMPLE_VAR)", () -> System.getenv("AIRLOCK_EXAMPLE_VAR"));
        line("System.getenv().size()", () -> System.getenv().size());
        line("first 3 env keys", () -> System.getenv().keySet().stream().sorted().limit(3).toList());
        line("availableProcessors", () -> Runtime.getRuntime().availableProcessors());
        line("freeMemory", () -> Runtime.getRuntime().freeMemory());
        line("totalMemory", () -> Runtime.getRuntime().totalMemory());
        line("maxMemory", () -> Runtime.getRuntime().maxMemory());
        line("ProcessHandle.current().pid()", () -> ProcessHandle.current().pid());
        line("InetAddress.getLocalHost()", () -> {
            InetAddress host = InetAddress.getLocalHost();
            return host.getHostName() + " " + host.getHostAddress();
        });
        line("InetAddress.getLocalHost().getHostName()", () -> InetAddress.getLocalHost().getHostName());
    }

    private static void jdkInternals() {
        String label = "java.util.logging LogRecord";
        try {
            Logger logger = Logger.getLogger(EverySource.class.getName());
            logger.setUseParentHandlers(false);
            Handler handler = new StdoutHandler(label);
            logger.addHandler(handler);
            logger.info("tick");
            logger.removeHandler(handler);
        } catch (RuntimeException e) {
            error(label, e);
        }
        line("SimpleDateFormat.format(new Date())",
                () -> new SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS").format(new Date()));
    }

    private static void otherLoaderAndLambda() {
        line("LoadedLater via URLClassLoader", () -> {
            URL location = EverySource.class.getProtectionDomain().getCodeSource().getLocation();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {location}, ClassLoader.getPlatformClassLoader())) {
                Class<?> loaded = loader.loadClass("dev.airlock.examples.LoadedLater");
                Method sample = loaded.getMethod("sample");
                boolean separate = loaded.getClassLoader() != EverySource.class.getClassLoader();
                return sample.invoke(null) + " (separate loader: " + separate + ")";
            }
        });
        Supplier<Long> millis = () -> System.currentTimeMillis();
        line("Supplier<Long> lambda", () -> millis.get());
        java.util.function.LongSupplier nanoRef = System::nanoTime;
        java.util.function.DoubleSupplier randomRef = Math::random;
        java.util.function.IntSupplier processorsRef = Runtime.getRuntime()::availableProcessors;
        java.util.function.Function<String, String> getenvRef = System::getenv;
        line("method references", () -> nanoRef.getAsLong() + " " + randomRef.getAsDouble() + " "
            + processorsRef.getAsInt() + " " + getenvRef.apply("AIRLOCK_EXAMPLE_VAR"));
    }

    private static void line(String label, Callable<Object> source) {
        try {
            System.out.println(label + ": " + source.call());
        } catch (Exception e) {
            error(label, e);
        }
    }

    private static void error(String label, Exception e) {
        System.out.println(label + ": error " + e.getClass().getName());
    }

    private static final class StdoutHandler extends Handler {

        StdoutHandler(String label) {
            setFormatter(new Formatter() {
                @Override
                public String format(LogRecord record) {
                    return label + ": instant " + record.getInstant() + ", millis " + record.getMillis();
                }
            });
        }

        @Override
        public void publish(LogRecord record) {
            System.out.println(getFormatter().format(record));
        }

        @Override
        public void flush() {
            System.out.flush();
        }

        @Override
        public void close() {
        }
    }
}
