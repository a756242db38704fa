package dev.airlock.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

/**
 * A JDBC client of an H2 server over TCP: creates a table, inserts five random orders, and prints a
 * query's answer, including what only the server knows (its row ids and its clock).
 *
 * <p>Argument: the JDBC URL, e.g. {@code jdbc:h2:tcp://127.0.0.1:9092/mem:shop}. Expected output: one
 * {@code order <id>: <item> x<qty>} line per row, then {@code total <n>} and {@code server time <ts>}.
 * Plain runs differ; a replay needs no server.
 */
public final class QueriesDatabase {

    private QueriesDatabase() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random();
        try (Connection db = DriverManager.getConnection(args[0], "sa", "")) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS orders (id IDENTITY PRIMARY KEY, item VARCHAR(40), qty INT)");
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO orders (item, qty) VALUES (?, ?)")) {
                for (int i = 0; i < 5; i++) {
                    insert.setString(1, "widget" + random.nextInt(10));
                    insert.setInt(2, 1 + random.nextInt(20));
                    insert.executeUpdate();
                }
            }
            try (Statement s = db.createStatement();
                 ResultSet rows = s.executeQuery("SELECT id, item, qty FROM orders ORDER BY id DESC LIMIT 5")) {
                while (rows.next()) {
                    System.out.println("order " + rows.getLong(1) + ": " + rows.getString(2) + " x" + rows.getInt(3));
                }
            }
            try (Statement s = db.createStatement();
                 ResultSet r = s.executeQuery("SELECT SUM(qty), CURRENT_TIMESTAMP(9) FROM orders")) {
                r.next();
                System.out.println("total " + r.getLong(1));
                System.out.println("server time " + r.getString(2));
            }
        }
    }
}
