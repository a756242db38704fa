package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jumping to the point of interest: {@code --stop-at-exception CLASS} runs the replay to the first
 * throw of that class and leaves the throwing thread suspended there for jdb; {@code --stop-at-exit}
 * does the same where the program calls {@code System.exit}. After the debugger lets go, the replay
 * ends as recorded.
 */
class StopAtIT {

    private static final String MAIN = "dev.airlock.examples.WorkerThrows";
    private static final Path SOURCE = Airlock.ROOT.resolve("examples/src/main/java/dev/airlock/examples/WorkerThrows.java");

    @TempDir
    Path tmp;

    @Test
    void stop_at_exception_suspends_the_worker_in_the_throwing_method() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN);
        assertEquals(3, recorded.exitCode, recorded.toString());
        int line = JdbSession.line(SOURCE, "throws-here");
        Proc inspect = Airlock.cli(null, "inspect", journal.toString());
        assertTrue(inspect.out().contains("thread worker-1: java.lang.IllegalArgumentException: cannot process"), inspect.out());
        assertTrue(inspect.out().contains("at dev.airlock.examples.WorkerThrows.process(WorkerThrows.java:" + line + ")"),
            inspect.out());
        assertTrue(inspect.out().contains("exit path: System.exit(3) on thread main"), inspect.out());
        try (JdbSession jdb = JdbSession.start(jdk, journal, tmp, "--stop-at-exception", "java.lang.IllegalArgumentException")) {
            jdb.await("Exception occurred: java.lang.IllegalArgumentException", 60);
            jdb.await("\"thread=worker-1\", " + MAIN + ".process(), line=" + line, 30);
            jdb.send("where");
            jdb.await("[1] " + MAIN + ".process (WorkerThrows.java:" + line + ")", 30);
            jdb.send("locals");
            jdb.await("drawn = ", 30);
            String drawn = recorded.out().replaceAll("(?s).*worker drew (\\d+).*", "$1");
            assertTrue(jdb.output().contains("drawn = " + drawn), jdb.output());
            assertEquals(3, jdb.finish(), "the replay ends as recorded");
        }
    }

    @Test
    void stop_at_an_event_suspends_the_thread_that_asks_for_it() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN);
        Proc events = Airlock.cli(null, "events", journal.toString(), "--kind", "random.seed");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("#(\\d+) main/1 ").matcher(events.out());
        assertTrue(m.find(), "the worker's seed event: " + events.out());
        try (JdbSession jdb = JdbSession.start(jdk, journal, tmp, "--stop-at", m.group(1))) {
            jdb.await("Exception occurred: dev.airlock.replayer.agent.ReplayStopPoint", 60);
            jdb.await("thread=worker-1", 30);
            jdb.send("where");
            jdb.await(MAIN + ".work (WorkerThrows.java:", 30);
            jdb.send("ignore uncaught java.lang.Throwable"); // jdb would stop again at the worker's exception
            assertEquals(3, jdb.finish());
        }
    }

    @Test
    void stop_at_exit_suspends_main_in_its_exit_call() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN);
        try (JdbSession jdb = JdbSession.start(jdk, journal, tmp, "--stop-at-exit")) {
            jdb.await("Exception occurred: dev.airlock.replayer.agent.ReplayStopPoint", 60);
            // jdb names the current thread after the line above; a "where" before that finds none
            jdb.await("thread=main", 30);
            jdb.send("where");
            jdb.await(MAIN + ".main (WorkerThrows.java:", 30);
            assertEquals(recorded.exitCode, jdb.finish());
        }
    }
}
