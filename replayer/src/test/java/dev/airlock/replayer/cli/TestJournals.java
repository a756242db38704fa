package dev.airlock.replayer.cli;

import dev.airlock.format.CallSite;
import dev.airlock.format.EventKind;
import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalSeal;
import dev.airlock.format.JournalWriter;
import dev.airlock.format.SiteRef;
import dev.airlock.format.ThreadEventWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Small journals written with the format module's writer, for the CLI tests. */
final class TestJournals {

    static final CallSite NANO_SITE = new CallSite(1, EventKind.NANO_TIME, "x.Main", "main", "([Ljava/lang/String;)V", 0,
        12, "Main.java");
    static final CallSite DICE_SITE = new CallSite(2, EventKind.RANDOM_SEED, "x.Dice", "roll", "()I", 0, 7, "Dice.java");
    static final CallSite ENV_SITE = new CallSite(3, EventKind.ENV_VAR, "x.Main", "home", "()Ljava/lang/String;", 0,
        30, "Main.java");

    private TestJournals() {
    }

    static Fields header() {
        return new Fields()
            .put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT)
            .put(HeaderKeys.AIRLOCK_VERSION, "0.1.0-test")
            .put(HeaderKeys.RECORDING_ID, "rec-42")
            .put(HeaderKeys.START_MILLIS, 1_700_000_000_000L)
            .put(HeaderKeys.JAVA_VENDOR, "Acme")
            .put(HeaderKeys.JAVA_VERSION, "17.0.15")
            .put(HeaderKeys.JAVA_SPEC, "17")
            .put(HeaderKeys.JVM_ARG + 0, "-Xmx64m")
            .put(HeaderKeys.MAIN_CLASS, "x.Main")
            .put(HeaderKeys.MAIN_ARG + 0, "3")
            .put(HeaderKeys.MAIN_ARG + 1, "two words")
            .put(HeaderKeys.TIME_ZONE, "Europe/Paris")
            .put(HeaderKeys.LOCALE, "fr-FR");
    }

    /**
     * Main thread: nanos 100, 200, 300 then env "HOME=/h"; worker thread "pool-1" (path main/1): seeds 7, 8.
     * The main thread's events are written before the worker's, so indexes 0-3 are main's. {@code end}
     * null leaves the recording cut short.
     */
    static void write(Path dir, Fields header, Fields end) throws InterruptedException {
        write(dir, header, end, JournalSeal.none());
    }

    /** Like {@link #write(Path, Fields, Fields)}, sealed with {@code seal} when {@code end} is given. */
    static void write(Path dir, Fields header, Fields end, JournalSeal seal) throws InterruptedException {
        JournalWriter writer = JournalWriter.create(dir, header, 64 << 20, 5, t -> { });
        writer.start();
        writer.writeSites(List.of(NANO_SITE, DICE_SITE, ENV_SITE));
        writer.writeNote(new Fields()
            .put("classpath.0.path", "/app/main.jar").put("classpath.0.sha256", "ab12").put("classpath.0.bytes", 1234)
            .put("classpath.1.path", "/app/classes"));
        Thread main = new Thread(() -> {
            ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
            for (long v : new long[] {100, 200, 300}) {
                w.appendLong(SiteRef.of(NANO_SITE.id(), EventKind.NANO_TIME), v);
            }
            byte[] home = "/h".getBytes(StandardCharsets.UTF_8);
            w.appendBytes(SiteRef.of(ENV_SITE.id(), EventKind.ENV_VAR), home, 0, home.length);
        }, "main");
        main.start();
        main.join();
        Thread.sleep(50); // let the writer thread publish main's block first
        Thread worker = new Thread(() -> {
            ThreadEventWriter w = writer.openThread("main/1", Thread.currentThread());
            w.appendLong(SiteRef.of(DICE_SITE.id(), EventKind.RANDOM_SEED), 7);
            w.appendLong(SiteRef.of(DICE_SITE.id(), EventKind.RANDOM_SEED), 8);
        }, "pool-1");
        worker.start();
        worker.join();
        Thread.sleep(50);
        if (end != null) {
            writer.close(end, seal);
        } else {
            Thread.sleep(200); // as if the process was killed: no END document, the writer never closed
        }
    }

    static Fields end(int exitCode) {
        return new Fields().put(HeaderKeys.EXIT_CODE, exitCode).put(HeaderKeys.EXIT_CAUSE, "main returned")
            .put(HeaderKeys.STDOUT_BYTES, 6).put(HeaderKeys.STDOUT_SHA256, "aaaa")
            .put(HeaderKeys.STDERR_BYTES, 0).put(HeaderKeys.STDERR_SHA256, "bbbb");
    }
}
