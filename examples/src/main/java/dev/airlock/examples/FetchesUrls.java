package dev.airlock.examples;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Calls an HTTP service with {@code HttpURLConnection}: a few random orders, then a path that answers
 * 404. Argument: the base URL, e.g. {@code http://127.0.0.1:8080}. Expected output: the status and body
 * of each call. The service's answers (order ids) differ from run to run; a replay needs no service.
 */
public final class FetchesUrls {

    private FetchesUrls() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random();
        for (int i = 0; i < 3; i++) {
            String path = "/order?item=widget" + random.nextInt(10) + "&qty=" + (1 + random.nextInt(9));
            System.out.print(fetch(args[0] + path));
        }
        System.out.print(fetch(args[0] + "/missing"));
    }

    private static String fetch(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        int status = c.getResponseCode();
        InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
        String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        return "GET " + url.substring(url.indexOf('/', 8)) + " -> " + status + " " + text.trim() + "\n";
    }
}
