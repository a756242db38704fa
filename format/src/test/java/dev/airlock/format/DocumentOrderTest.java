package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentOrderTest {

    @TempDir
    Path dir;

    @Test
    void every_event_comes_after_the_thread_and_site_documents_it_names() throws Exception {
        JournalWriter writer = JournalWriter.create(dir, new Fields().put(HeaderKeys.FORMAT_VERSION,
            HeaderKeys.CURRENT_FORMAT), 256 << 20, 1, t -> { });
        writer.start();
        AtomicInteger nextSite = new AtomicInteger(100);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Thread t = new Thread(() -> {
                ThreadEventWriter w = writer.openThread(Thread.currentThread().getName(), Thread.currentThread());
                for (int k = 0; k < 20; k++) {
                    int site = nextSite.getAndIncrement();
                    writer.writeSites(List.of(new CallSite(site, EventKind.NANO_TIME, "C", "m", "()V", 0, k, null)));
                    w.appendLong(SiteRef.of(site, EventKind.NANO_TIME), k);
                }
            }, "t" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        writer.close(new Fields());

        Set<Integer> sites = new HashSet<>();
        Set<Integer> threadIds = new HashSet<>();
        Event e = new Event();
        long events = 0;
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.readHeader();
            JournalDocument doc;
            while ((doc = reader.next()) != null) {
                if (doc.type() == DocType.SITES) {
                    doc.sites().forEach(s -> sites.add(s.id()));
                } else if (doc.type() == DocType.THREAD) {
                    threadIds.add(doc.thread().id());
                } else if (doc.type() == DocType.BLOCK) {
                    assertTrue(threadIds.contains(doc.blockThread()), "block before its THREAD document");
                    EventDecoder decoder = new EventDecoder();
                    doc.decodeWith(decoder);
                    while (decoder.hasNext()) {
                        decoder.next(e);
                        events++;
                        assertTrue(sites.contains(e.site()), "event names site " + e.site() + " before its SITES document");
                    }
                }
            }
        }
        assertEquals(400 * 20, events);
    }
}
