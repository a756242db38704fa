package dev.airlock.examples.races;

import java.util.Arrays;
import java.util.Random;

/** Tellers move money between accounts with an unguarded read-modify-write; the bank's total drifts. */
public final class BankTransfers {

    private static final int[] balances = new int[8];

    public static void main(String[] args) throws InterruptedException {
        Arrays.fill(balances, 1000);
        Thread[] tellers = new Thread[3];
        for (int i = 0; i < tellers.length; i++) {
            Random random = new Random(i);
            tellers[i] = new Thread(() -> {
                for (int n = 0; n < 5000; n++) {
                    transfer(random.nextInt(8), random.nextInt(8), random.nextInt(50));
                }
            });
            tellers[i].start();
        }
        for (Thread t : tellers) {
            t.join();
        }
        System.out.println("total " + Arrays.stream(balances).sum() + " (should be 8000); balances "
            + Arrays.toString(balances));
    }

    private static void transfer(int from, int to, int amount) {
        int a = balances[from];
        balances[from] = debit(a, amount);
        int b = balances[to];
        balances[to] = b + amount;
    }

    private static int debit(int balance, int amount) {
        return balance - amount;
    }
}
