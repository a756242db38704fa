package dev.airlock.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP order service on {@code com.sun.net.httpserver} (an NIO selector inside), answering
 * {@code GET /order?item=NAME&qty=N} with the priced order. It is the long-running program the live
 * snapshot tests inject into while a client keeps it busy.
 *
 * <p>Arguments: port (default 0, any free one). Prints {@code listening on PORT} once it serves, then
 * one line per 1000 orders. Runs until killed. Binds 127.0.0.1 only.
 */
public final class OrderService {

    /** An order as the service prices it; its fields are what a snapshot of {@code this} or a local shows. */
    static final class Order {
        private final long id;
        private final String item;
        private final int quantity;
        private final long unitCents;
        private boolean rush;

        Order(long id, String item, int quantity, long unitCents) {
            this.id = id;
            this.item = item;
            this.quantity = quantity;
            this.unitCents = unitCents;
        }
    }

    private final AtomicLong nextId = new AtomicLong(1);
    private final long taxPercent = 20;
    private long served;

    private OrderService() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        OrderService service = new OrderService();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        server.setExecutor(workers);
        server.createContext("/order", service::handle);
        server.start();
        System.out.println("listening on " + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String item = "none";
        int quantity = 1;
        URI uri = exchange.getRequestURI();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals("item")) {
                    item = kv[1];
                } else if (kv.length == 2 && kv[0].equals("qty")) {
                    quantity = Integer.parseInt(kv[1]);
                }
            }
        }
        byte[] body = price(item, quantity).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    String price(String item, int quantity) {
        Order order = new Order(nextId.getAndIncrement(), item, quantity, unitCents(item));
        order.rush = quantity > 50;
        long net = order.quantity * order.unitCents;
        long total = net + net * taxPercent / 100;
        count(); // snapshot-line: order, net and total are all set when this line starts
        return "order " + order.id + " " + order.item + " x" + order.quantity + " = " + total + " cents\n";
    }

    private static long unitCents(String item) {
        long cents = 100;
        for (int i = 0; i < item.length(); i++) {
            cents += item.charAt(i) % 7 * 10;
        }
        return cents;
    }

    private synchronized void count() {
        if (++served % 1000 == 0) {
            System.out.println("served " + served);
        }
    }
}
