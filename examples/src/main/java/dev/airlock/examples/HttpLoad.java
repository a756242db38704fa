package dev.airlock.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * A load client for {@link NioHttpService}, run as a process of its own: {@code args[1]} POSTs of random
 * payloads to port {@code args[0]}, all at once or {@code args[2]} at a time, printing how many were
 * answered.
 */
public final class HttpLoad {

    private HttpLoad() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        Random random = new Random();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : requests;
        int ok = 0;
        for (int first = 0; first < requests; first += batch) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = first; i < Math.min(requests, first + batch); i++) {
                byte[] payload = new byte[1 + random.nextInt(2000)];
                random.nextBytes(payload);
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo?n=" + i))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
                answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                if (a.join().statusCode() == 200) {
                    ok++;
                }
            }
        }
        System.out.println("answered " + ok + " of " + requests);
    }
}
