package dev.airlock.examples.races;

/**
 * A worker runs until the main thread raises a volatile flag; how many rounds it got through first
 * varies from run to run. No data race: the flag is volatile, the count is read after {@code join}.
 */
public final class StopFlag {

    private static volatile boolean stop;
    private static volatile long published;

    public static void main(String[] args) throws InterruptedException {
        long[] rounds = new long[1];
        Thread worker = new Thread(() -> {
            long x = 1;
            while (!stop) {
                for (int i = 0; i < 200; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                rounds[0]++;
                if (rounds[0] % 64 == 0) {
                    published = x;
                }
            }
        }, "worker");
        worker.start();
        long seen = 0;
        while (seen == 0) {
            seen = published;
            Thread.onSpinWait();
        }
        Thread.sleep(5);
        stop = true;
        worker.join();
        System.out.println("worker ran " + rounds[0] + " rounds; first value seen " + Long.toHexString(seen));
    }
}
