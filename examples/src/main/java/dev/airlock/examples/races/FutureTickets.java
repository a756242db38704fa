package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Six {@code CompletableFuture} chains on the common pool: each stage ({@code supplyAsync},
 * {@code thenApplyAsync}, {@code thenApply}, {@code thenCombine}, {@code whenComplete}) takes a ticket
 * from an {@code AtomicLong} and logs it to a synchronized list. Which thread runs which stage, and so
 * the tickets and the log's order, vary from run to run. Unlike {@code FutureChain} there is no data
 * race.
 */
public final class FutureTickets {

    private static final AtomicLong tickets = new AtomicLong();
    private static final List<String> log = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) {
        List<CompletableFuture<String>> chains = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "c" + i;
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> take(name + ".supply"));
            CompletableFuture<String> second = first.thenApplyAsync(v -> take(name + ".async"));
            chains.add(second.thenApply(v -> take(name + ".apply"))
                .thenCombine(first, (a, b) -> take(name + ".combine"))
                .whenComplete((v, e) -> take(name + ".done")));
        }
        CompletableFuture.allOf(chains.toArray(new CompletableFuture<?>[0])).join();
        System.out.println("stages " + log.size() + ", log " + log);
    }

    private static String take(String stage) {
        long spin = 0;
        for (int i = 0; i < 20_000; i++) {
            spin += i % 7;
        }
        String entry = stage + "#" + tickets.incrementAndGet() + (spin < 0 ? "!" : "");
        log.add(entry);
        return entry;
    }
}
