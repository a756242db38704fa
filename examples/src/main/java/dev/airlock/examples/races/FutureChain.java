package dev.airlock.examples.races;

import java.util.concurrent.CompletableFuture;

/** A CompletableFuture chain on the common pool appends to an unguarded StringBuilder from several stages at once. */
public final class FutureChain {

    private static final StringBuilder log = new StringBuilder();

    public static void main(String[] args) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[6];
        for (int i = 0; i < all.length; i++) {
            String name = "s" + i;
            all[i] = CompletableFuture.supplyAsync(() -> spin(name))
                .thenApplyAsync(v -> spin(v + "'"))
                .thenAccept(v -> note(v));
        }
        CompletableFuture.allOf(all).join();
        System.out.println("stages ended: " + log);
    }

    private static String spin(String s) {
        long x = 0;
        for (int i = 0; i < 30_000; i++) {
            x += i % 3;
        }
        note(s.substring(0, 2));
        return s + (x % 2);
    }

    private static void note(String s) {
        log.append(s).append(' ');
    }
}
