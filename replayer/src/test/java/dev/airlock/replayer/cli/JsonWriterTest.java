package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void quotes_backslashes_and_control_characters_are_escaped() {
        assertEquals("\"a\\\"b\\\\c\"", JsonWriter.quoted("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", JsonWriter.quoted("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u001f\\u007f\"", JsonWriter.quoted("\u0000\u001f\u007f"));
    }

    @Test
    void non_ascii_text_is_kept_except_line_separators_and_lone_surrogates() {
        assertEquals("\"héllo €\"", JsonWriter.quoted("héllo €"));
        assertEquals("\"\uD83D\uDE00\"", JsonWriter.quoted("\uD83D\uDE00"));
        assertEquals("\"\\u2028\\u2029\"", JsonWriter.quoted("\u2028\u2029"));
        assertEquals("\"x\\ud800y\\udc00\"", JsonWriter.quoted("x\uD800y\uDC00"));
    }

    @Test
    void slashes_and_plain_text_are_left_alone() {
        assertEquals("\"/tmp/a b\"", JsonWriter.quoted("/tmp/a b"));
    }

    @Test
    void members_are_separated_by_commas_at_every_level() {
        String json = new JsonWriter().beginObject()
            .name("a").value(1)
            .name("b").beginObject().name("c").value("x").name("d").nullValue().endObject()
            .name("e").value(true)
            .name("f").value((Long) null)
            .name("g").value((String) null)
            .name("h").beginObject().endObject()
            .endObject().toString();
        assertEquals("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":null},\"e\":true,\"f\":null,\"g\":null,\"h\":{}}", json);
    }

    @Test
    void pretty_output_puts_one_member_per_line() {
        String json = new JsonWriter(true).beginObject().name("a").value(1)
            .name("b").beginObject().name("c").value(false).endObject().endObject().toString();
        assertEquals("{\n  \"a\": 1,\n  \"b\": {\n    \"c\": false\n  }\n}", json);
    }

    @Test
    void a_value_without_a_name_inside_an_object_is_refused() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().name("a"));
    }

    @Test
    void deep_nesting_grows_the_stack() {
        JsonWriter w = new JsonWriter().beginObject();
        for (int i = 0; i < 20; i++) {
            w.name("n").beginObject();
        }
        for (int i = 0; i < 20; i++) {
            w.endObject();
        }
        assertEquals("{\"n\":".repeat(20) + "{" + "}".repeat(21), w.endObject().toString());
    }
}
