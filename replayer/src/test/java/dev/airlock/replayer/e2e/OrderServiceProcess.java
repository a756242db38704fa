package dev.airlock.replayer.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example {@code OrderService} in a JVM of its own (no agent), and a client that keeps it busy
 * from this JVM with random orders, counting answers, failures and the slowest answer.
 */
final class OrderServiceProcess implements AutoCloseable {

    static final Path SOURCE = Airlock.ROOT.resolve("examples/src/main/java/dev/airlock/examples/OrderService.java");

    final Process process;
    final int port;
    final Path stdout;
    private final List<Thread> clients = new ArrayList<>();
    private final AtomicBoolean loading = new AtomicBoolean();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong slowestMillis = new AtomicLong();
    volatile String firstFailure;

    private OrderServiceProcess(Process process, int port, Path stdout) {
        this.process = process;
        this.port = port;
        this.stdout = stdout;
    }

    static OrderServiceProcess start(Airlock.Jdk jdk, Path dir, List<String> jvmFlags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", Airlock.EXAMPLES_CP, "dev.airlock.examples.OrderService"));
        Files.createDirectories(dir);
        Path out = dir.resolve("service.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("service.err").toFile())
            .start();
        Pattern listening = Pattern.compile("listening on (\\d+)");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            Matcher m = listening.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (m.find()) {
                return new OrderServiceProcess(p, Integer.parseInt(m.group(1)), out);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("the order service did not start: " + Files.readString(dir.resolve("service.err")));
    }

    /** The line of OrderService.java that carries {@code marker} in a comment. */
    static int line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker + " in " + SOURCE);
    }

    long pid() {
        return process.pid();
    }

    /** Starts {@code threads} clients sending orders with quantities 1 to 100 until {@link #stopLoad}. */
    void startLoad(int threads) {
        loading.set(true);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            Thread client = new Thread(() -> {
                while (loading.get()) {
                    int qty = 1 + random.nextInt(100);
                    URI uri = URI.create("http://127.0.0.1:" + port + "/order?item=widget" + random.nextInt(10) + "&qty=" + qty);
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                            HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200 && r.body().contains(" x" + qty + " = ")) {
                            answered.incrementAndGet();
                        } else {
                            fail(r.statusCode() + " " + r.body());
                        }
                    } catch (IOException e) {
                        fail(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                    slowestMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                }
            }, "order-client-" + t);
            client.start();
            clients.add(client);
        }
    }

    private void fail(String why) {
        if (failed.getAndIncrement() == 0) {
            firstFailure = why;
        }
    }

    void stopLoad() throws InterruptedException {
        loading.set(false);
        for (Thread t : clients) {
            t.join(30_000);
        }
        clients.clear();
    }

    /** Waits until at least {@code more} further orders were answered. */
    void awaitAnswers(long more) throws InterruptedException {
        long target = answered.get() + more;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (answered.get() < target && System.nanoTime() < deadline && failed.get() == 0) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        stopLoad();
        process.destroyForcibly().waitFor();
    }
}
