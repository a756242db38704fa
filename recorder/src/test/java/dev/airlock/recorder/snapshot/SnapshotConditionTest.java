package dev.airlock.recorder.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.airlock.recorder.snapshot.SnapshotCondition.EvaluationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SnapshotConditionTest {

    enum Status { ACTIVE, CLOSED, SPECIAL { } }

    static class Base {
        private long id = 7;
    }

    static class Customer extends Base {
        private String name;

        Customer(String name) {
            this.name = name;
        }
    }

    static class Order {
        private static int instances = 0;
        private Customer customer;
        private BigDecimal total = new BigDecimal("99.50");
        private Status status = Status.ACTIVE;
        private int[] items = {1, 2, 3};
        private boolean paid;
    }

    /** Variables from alternating name, value pairs; asking for any other name fails the test. */
    private static Function<String, Object> vars(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return name -> {
            if (!values.containsKey(name)) {
                throw new AssertionError("variable '" + name + "' should not have been asked for");
            }
            return values.get(name);
        };
    }

    private static boolean eval(String condition, Object... pairs) {
        return SnapshotCondition.parse(condition).test(vars(pairs));
    }

    private static String rejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotCondition.parse(text));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad condition '"), e.getMessage());
        return e.getMessage();
    }

    private static void assertRejectedAt(String text, String what, int column) {
        String message = rejected(text);
        assertTrue(message.endsWith(what + " at column " + column), text + " -> " + message);
    }

    private static EvaluationException failsToEvaluate(String condition, Object... pairs) {
        EvaluationException e = assertThrows(EvaluationException.class, () -> eval(condition, pairs));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void a_parse_error_says_what_and_where_on_one_line() {
        assertEquals("bad condition 'order.total >': expected a value at column 14", rejected("order.total >"));
        assertRejectedAt("(a == 1", "expected ')'", 8);
        assertRejectedAt("a < b < c", "unexpected '<'", 7);
        assertRejectedAt("a b", "unexpected 'b'", 3);
        assertRejectedAt("a.", "expected a field name after '.'", 3);
        assertRejectedAt("a.1", "expected a field name after '.'", 3);
        assertRejectedAt("&& a", "expected a value", 1);
        assertRejectedAt("a\n==", "expected a value", 5);
    }

    @Test
    void method_calls_arithmetic_and_assignment_are_parse_errors() {
        assertRejectedAt("order.size() > 1", "method calls are not allowed", 11);
        assertRejectedAt("a + 1 == 2", "unexpected character '+'", 3);
        assertRejectedAt("a - 1 == 2", "'-' is only allowed before a number", 3);
        assertRejectedAt("a -1", "unexpected '-1'", 3);
        assertRejectedAt("a = 1", "'=' is not an operator, use '=='", 3);
        assertRejectedAt("a & b", "expected '&&'", 3);
        assertRejectedAt("a | b", "expected '||'", 3);
        assertRejectedAt("a[0] == 1", "unexpected character '['", 2);
        assertRejectedAt("a ? b : c", "unexpected character '?'", 3);
    }

    @Test
    void malformed_literals_are_parse_errors() {
        assertRejectedAt("s == \"abc", "unterminated string", 6);
        assertRejectedAt("s == \"a\\qb\"", "unknown escape '\\q' (use \\\" \\\\ \\n \\t)", 8);
        assertRejectedAt("x == 1.5f", "malformed number", 6);
        assertRejectedAt("x == 12abc", "malformed number", 6);
        assertRejectedAt("x == 1e", "malformed number", 6);
        assertRejectedAt("x == 99999999999999999999L", "number too large for a long", 6);
        assertRejectedAt("x == 1e99999999999", "number out of range", 6);
    }

    @Test
    void empty_too_long_and_too_deep_conditions_are_rejected() {
        assertTrue(rejected("").endsWith("the condition is empty"));
        assertTrue(rejected(" \t ").endsWith("the condition is empty"));
        assertTrue(rejected(null).endsWith("the condition is empty"));
        String tooLong = "a == 1 && ".repeat(100) + "b";
        assertTrue(rejected(tooLong).endsWith("longer than 1000 characters (1001)"), rejected(tooLong));
        assertTrue(rejected("(".repeat(51) + "a" + ")".repeat(51)).endsWith("nesting deeper than 50 at column 51"));
        assertTrue(rejected("!".repeat(51) + "a").endsWith("nesting deeper than 50 at column 51"));
        assertTrue(eval("(".repeat(50) + "a" + ")".repeat(50), "a", true));
        assertTrue(eval("!".repeat(50) + "a", "a", true));
    }

    @Test
    void roots_and_paths_are_listed_in_order_of_appearance() {
        SnapshotCondition c = SnapshotCondition.parse("order.total > 100 && this.limit != null || qty == order.total");

        assertEquals(List.of("order", "this", "qty"), List.copyOf(c.roots()));
        assertEquals(List.of(List.of("order", "total"), List.of("this", "limit"), List.of("qty")), c.paths());
        assertEquals("order.total > 100 && this.limit != null || qty == order.total", c.text());
        assertEquals(c.text(), c.toString());
    }

    @Test
    void every_comparison_operator_works_on_integers() {
        assertTrue(eval("a == 2", "a", 2));
        assertFalse(eval("a != 2", "a", 2));
        assertTrue(eval("a < 3", "a", 2));
        assertFalse(eval("a < 2", "a", 2));
        assertTrue(eval("a <= 2", "a", 2));
        assertTrue(eval("a > 1", "a", 2));
        assertFalse(eval("a > 2", "a", 2));
        assertTrue(eval("a >= 2", "a", 2));
        assertTrue(eval("-3 < a", "a", -2));
        assertTrue(eval("a==2&&a!=3", "a", 2));
    }

    @Test
    void numbers_compare_by_value_across_types() {
        assertTrue(eval("qty == 5L", "qty", 5));
        assertTrue(eval("big == 5", "big", 5L));
        assertTrue(eval("b == 5 && s == 5", "b", (byte) 5, "s", (short) 5));
        assertTrue(eval("d == 2", "d", 2.0));
        assertTrue(eval("d > 2", "d", 2.5));
        assertTrue(eval("i < 2.5", "i", 2));
        assertTrue(eval("f == 0.1 && d == 0.1", "f", 0.1f, "d", 0.1));
        assertTrue(eval("price == 1.5 && price < 2", "price", new BigDecimal("1.50")));
        assertTrue(eval("1e3 == 1000 && -0.25 < 0"));
        assertTrue(eval("x < 9223372036854775808", "x", Long.MAX_VALUE));
        BigInteger big = new BigInteger("123456789012345678901234567890");
        assertTrue(eval("x == 123456789012345678901234567890", "x", big));
        assertTrue(eval("x > 1", "x", BigInteger.TEN));
        assertTrue(eval("c == 65", "c", 'A'));
        assertTrue(eval("a == b", "a", 3, "b", 3.0f));
    }

    @Test
    void nan_compares_false_except_not_equal_and_infinity_is_ordered() {
        assertFalse(eval("x == 1 || x < 1 || x > 1 || x >= 1 || x <= 1", "x", Double.NaN));
        assertTrue(eval("x != 1", "x", Double.NaN));
        assertTrue(eval("x > 1e308 && y < -1e308", "x", Double.POSITIVE_INFINITY, "y", Float.NEGATIVE_INFINITY));
    }

    @Test
    void strings_compare_by_content_and_order_lexicographically() {
        assertTrue(eval("s == \"abc\"", "s", new String("abc")));
        assertTrue(eval("s != \"abd\"", "s", "abc"));
        assertTrue(eval("s < \"abd\" && s > \"ab\" && s >= \"abc\" && s <= \"abc\"", "s", "abc"));
        assertTrue(eval("s == \"q\\\"b\\\\n\\n\\t\"", "s", "q\"b\\n\n\t"));
        assertTrue(eval("a == b", "a", "x", "b", new String("x")));
        assertTrue(eval("c == \"A\"", "c", 'A'));
    }

    @Test
    void an_enum_compares_with_a_string_by_name_and_with_an_enum_by_identity_or_order() {
        assertTrue(eval("s == \"ACTIVE\"", "s", Status.ACTIVE));
        assertTrue(eval("\"CLOSED\" != s", "s", Status.ACTIVE));
        assertTrue(eval("s == \"SPECIAL\"", "s", Status.SPECIAL));
        assertTrue(eval("a == b", "a", Status.CLOSED, "b", Status.CLOSED));
        assertTrue(eval("a < b", "a", Status.ACTIVE, "b", Status.SPECIAL));
        assertFalse(eval("a == b", "a", Status.ACTIVE, "b", Thread.State.NEW));
    }

    @Test
    void null_equals_only_null_and_is_never_ordered() {
        assertTrue(eval("x == null", "x", null));
        assertFalse(eval("x != null", "x", null));
        assertTrue(eval("x != null", "x", "a"));
        assertTrue(eval("null == null"));
        assertFalse(eval("x > 1 || x < 1 || x <= 1", "x", null));
    }

    @Test
    void booleans_compare_by_value_and_can_stand_alone() {
        assertTrue(eval("flag == true", "flag", true));
        assertTrue(eval("flag != true", "flag", false));
        assertTrue(eval("flag", "flag", true));
        assertTrue(eval("!flag", "flag", false));
        assertTrue(eval("!(a == 1) && (b || false)", "a", 2, "b", true));
        assertTrue(eval("true"));
    }

    @Test
    void other_objects_are_equal_only_to_themselves() {
        Object one = new Object();
        assertTrue(eval("a == b", "a", one, "b", one));
        assertTrue(eval("a != b", "a", one, "b", new Object()));
        assertFalse(eval("a == b", "a", List.of(1), "b", List.of(1)));
    }

    @Test
    void incompatible_comparisons_are_evaluation_errors() {
        assertTrue(failsToEvaluate("a == \"5\"", "a", 5).getMessage().contains("cannot compare Integer with String"));
        assertTrue(failsToEvaluate("a == 1", "a", true).getMessage().contains("cannot compare Boolean with Long"));
        assertTrue(failsToEvaluate("a < b", "a", true, "b", false).getMessage().contains("cannot order"));
        assertTrue(failsToEvaluate("a < b", "a", new Object(), "b", new Object()).getMessage()
            .contains("cannot order Object and Object in 'a < b'"));
        failsToEvaluate("a == 1", "a", new Object());
        failsToEvaluate("a < b", "a", Status.ACTIVE, "b", Thread.State.NEW);
    }

    @Test
    void a_subclass_of_a_jdk_number_is_not_a_number_because_its_methods_are_application_code() {
        BigDecimal sub = new BigDecimal("1") { };

        assertTrue(failsToEvaluate("n == 1", "n", sub).getMessage().contains("cannot compare"));
        assertTrue(eval("n == m", "n", sub, "m", sub));
    }

    @Test
    void a_non_boolean_where_a_boolean_is_needed_is_an_evaluation_error() {
        assertEquals("'qty' is Integer, not a boolean", failsToEvaluate("qty", "qty", 3).getMessage());
        failsToEvaluate("!qty", "qty", 3);
        failsToEvaluate("qty && true", "qty", 3);
        failsToEvaluate("false || qty", "qty", 3);
        failsToEvaluate("null");
        assertEquals("'1' is Long, not a boolean", failsToEvaluate("1").getMessage());
        assertEquals("'flag' is null, not a boolean", failsToEvaluate("flag", "flag", null).getMessage());
    }

    @Test
    void paths_read_private_fields_including_inherited_ones() {
        Order order = new Order();
        order.customer = new Customer("Ada");

        assertTrue(eval("order.customer.name == \"Ada\"", "order", order));
        assertTrue(eval("order.customer.id == 7", "order", order));
        assertTrue(eval("order.total > 99 && order.total < 100", "order", order));
        assertTrue(eval("order.status == \"ACTIVE\" && !order.paid", "order", order));
        assertTrue(eval("this.items.length == 3", "this", order));
    }

    @Test
    void a_null_on_the_way_makes_the_path_null() {
        Order order = new Order();

        assertTrue(eval("order.customer.name == null", "order", order));
        assertTrue(eval("order.customer.name.length == null", "order", order));
        assertTrue(eval("order.customer == null", "order", order));
        assertTrue(eval("missing.anything == null", "missing", null));
    }

    @Test
    void a_missing_or_inaccessible_field_is_an_evaluation_error_naming_path_and_class() {
        Order order = new Order();

        assertEquals("cannot read 'order.totl': no field 'totl' in " + Order.class.getName(),
            failsToEvaluate("order.totl > 1", "order", order).getMessage());
        assertTrue(failsToEvaluate("order.instances == 0", "order", order).getMessage()
            .contains("no field 'instances'"), "static fields are not paths");
        assertTrue(failsToEvaluate("order.items.size == 3", "order", order).getMessage().contains("only 'length'"));
        String jdk = failsToEvaluate("s.value == null", "s", "abc").getMessage();
        assertTrue(jdk.contains("'s.value'") && jdk.contains("java.lang.String") && jdk.contains("not accessible"),
            jdk);
        // Cached failures fail the same way the second time.
        assertThrows(EvaluationException.class, () -> eval("order.totl > 1", "order", order));
    }

    @Test
    void and_and_or_short_circuit_left_to_right() {
        Function<String, Object> onlyA = name -> {
            if (name.equals("a")) {
                return 1;
            }
            return fail("'" + name + "' should not have been evaluated");
        };

        assertFalse(SnapshotCondition.parse("a == 2 && boom.x == 1").test(onlyA));
        assertTrue(SnapshotCondition.parse("a == 1 || boom.x == 1").test(onlyA));
        assertFalse(SnapshotCondition.parse("false && boom").test(onlyA));
        assertTrue(SnapshotCondition.parse("a == 2 || a == 1 || boom").test(onlyA));
        assertTrue(SnapshotCondition.parse("!(a == 2 && boom) || boom").test(onlyA));
    }

    @Test
    void an_exception_from_the_variables_function_becomes_an_evaluation_error() {
        SnapshotCondition c = SnapshotCondition.parse("a == 1");
        EvaluationException e = assertThrows(EvaluationException.class, () -> c.test(name -> {
            throw new IllegalStateException("no frame\nhere");
        }));
        assertEquals("cannot evaluate 'a == 1': IllegalStateException: no frame\\u000ahere", e.getMessage());
    }

    @Test
    void an_evaluation_error_from_the_variables_function_passes_through_unchanged() {
        EvaluationException mine = new EvaluationException("no variable 'a' here");
        SnapshotCondition c = SnapshotCondition.parse("a == 1");

        assertSame(mine, assertThrows(EvaluationException.class, () -> c.test(name -> {
            throw mine;
        })));
    }

    @Test
    void a_parsed_condition_can_be_tested_many_times_with_different_values() {
        SnapshotCondition c = SnapshotCondition.parse("n >= 10 && n < 20");
        int matches = 0;
        for (int n = 0; n < 100; n++) {
            final int value = n;
            matches += c.test(name -> value) ? 1 : 0;
        }
        assertEquals(10, matches);
    }
}
