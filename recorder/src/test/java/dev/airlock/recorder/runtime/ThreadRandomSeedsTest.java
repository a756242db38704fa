package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.bridge.Hooks;
import dev.airlock.format.Fields;
import dev.airlock.format.JournalWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application thread's {@code ThreadLocalRandom} seed is made from its path wherever the JDK happens to
 * seed it: in its own code or inside the agent's (a contended map while the agent sets the thread up),
 * which happens on some runs only.
 */
class ThreadRandomSeedsTest {

    @Test
    void a_worker_seeded_inside_agent_code_gets_the_seed_it_gets_outside(@TempDir Path dir) throws Exception {
        JournalWriter journal = JournalWriter.create(dir.resolve("journal"), new Fields(), 1 << 16, 10, e -> { });
        journal.start();
        try {
            RecordingSink sink = new RecordingSink(journal, Thread.currentThread(), false, FileScope.empty());
            long[] seeds = new long[3];
            Thread worker = new Thread(() -> {
                sink.enter();
                try {
                    seeds[0] = sink.threadLocalSeed(1, 0);
                } finally {
                    sink.exit();
                }
                seeds[1] = sink.threadLocalSeed(2, 0);
                seeds[2] = sink.threadLocalSeed(3, 0);
            });
            worker.start();
            worker.join();
            assertEquals(seeds[0], seeds[1], "inside and outside agent code");
            assertEquals(seeds[1], seeds[2]);
            assertNotEquals(Hooks.mixSeed(1), seeds[0], "not the JDK's seed");
        } finally {
            journal.close();
        }
    }

    @Test
    void only_a_thread_seeded_before_it_has_a_path_is_marked_for_seeding_again() {
        ThreadState early = new ThreadState() { };
        assertEquals(Hooks.mixSeed(7), early.uncapturedRandomSeed(7), "the JDK's seed, as the JDK would make it");
        assertTrue(early.seededWithoutPath);

        ThreadState named = new ThreadState() { };
        named.path = "main/2";
        named.uncapturedRandomSeed(7);
        assertFalse(named.seededWithoutPath);
    }
}
