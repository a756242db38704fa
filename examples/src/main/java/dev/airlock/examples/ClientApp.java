package dev.airlock.examples;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A client of everything at once: reads its config file, lists its inbox folder, calls an HTTP server
 * with {@code HttpClient} and with {@code HttpURLConnection}, talks raw TCP to an echo server, and
 * queries an H2 database over TCP. Everything it prints comes from outside: a replay needs none of it.
 *
 * <p>Argument: the config file, with {@code inbox}, {@code http} (base URL), {@code echo} (host:port)
 * and {@code jdbc} (URL).
 */
public final class ClientApp {

    private ClientApp() {
    }

    public static void main(String[] args) throws Exception {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(args[0]))) {
            config.load(in);
        }
        System.out.println("config: " + config.getProperty("name"));
        try (Stream<Path> files = Files.list(Paths.get(config.getProperty("inbox")))) {
            System.out.println("inbox: " + files.map(p -> p.getFileName().toString()).sorted()
                .collect(Collectors.joining(", ")));
        }

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(config.getProperty("http") + "/client/" + i))
                .build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("HttpClient " + r.statusCode() + ": " + r.body());
        }

        HttpURLConnection c = (HttpURLConnection) new URL(config.getProperty("http") + "/url").openConnection();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            System.out.println("HttpURLConnection " + c.getResponseCode() + ": " + r.readLine());
        }

        String[] echo = config.getProperty("echo").split(":");
        try (Socket s = new Socket(echo[0], Integer.parseInt(echo[1]))) {
            OutputStream out = s.getOutputStream();
            out.write("hello over tcp\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            System.out.println("echo: " + new BufferedReader(new InputStreamReader(s.getInputStream(),
                StandardCharsets.UTF_8)).readLine());
        }

        try (Connection db = DriverManager.getConnection(config.getProperty("jdbc"), "sa", "");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT RAND(), CURRENT_TIMESTAMP(9)")) {
            rs.next();
            System.out.println("database: " + rs.getString(1) + " at " + rs.getString(2));
        }
    }
}
