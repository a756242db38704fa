package dev.airlock.examples;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Reads a token from a file, prints it, and sends it as the password in an HTTP POST body to the URL
 * given (a local server the test starts); prints the response code and the time. Used by the encryption
 * test: whatever of this the journal keeps must not hold the token in clear.
 *
 * <p>Arguments: token file, URL. Exits with code 0.
 */
public final class SecretReader {

    private SecretReader() {
    }

    public static void main(String[] args) throws Exception {
        String token = Files.readString(Paths.get(args[0])).strip();
        System.out.println("token: " + token);
        HttpURLConnection http = (HttpURLConnection) new URL(args[1]).openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        try (OutputStream out = http.getOutputStream()) {
            out.write(("user=ops&password=" + token).getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("server answered " + http.getResponseCode() + " at " + System.currentTimeMillis());
    }
}
