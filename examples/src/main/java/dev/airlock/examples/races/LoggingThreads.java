package dev.airlock.examples.races;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Three threads log through one {@code java.util.logging} logger to a {@code StreamHandler} on
 * {@code System.out}. The handler locks itself around each record (a {@code synchronized} method on Java
 * 17, a block on 21+), so the order of the records varies from run to run; there is no data race.
 */
public final class LoggingThreads {

    private static final Logger LOG = Logger.getLogger("airlock.example.threads");

    public static void main(String[] args) throws InterruptedException {
        LOG.setUseParentHandlers(false);
        Handler handler = new StreamHandler(System.out, new Formatter() {
            @Override
            public String format(LogRecord r) {
                return r.getLevel() + " " + r.getMessage() + "\n";
            }
        });
        LOG.addHandler(handler);
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 15; i++) {
                    long x = 0;
                    for (int k = 0; k < 20_000 + 1_000 * (i % 4); k++) {
                        x += k % 7;
                    }
                    LOG.info("thread " + id + " record " + i + " (" + (x % 3) + ")");
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        handler.flush();
        System.out.println("logged 45 records");
    }
}
