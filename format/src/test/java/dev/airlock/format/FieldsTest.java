package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldsTest {

    private static Fields roundTrip(Fields fields) {
        byte[] bytes = fields.encode();
        return Fields.decode(bytes, 0, bytes.length);
    }

    @Test
    void fields_read_back_in_insertion_order_with_unicode_and_empty_values() {
        Fields fields = new Fields()
            .put("main.class", "x.Main")
            .put("", "an empty key")
            .put("empty", "")
            .put("unicode", "h\u00e9llo \u65e5\u672c\u8a9e \ud83c\udfb2 e\u0301")
            .put("cl\u00e9", "value")
            .put("number", 42L);
        Fields back = roundTrip(fields);
        assertEquals(fields.asMap(), back.asMap());
        assertEquals(new ArrayList<>(fields.asMap().keySet()), new ArrayList<>(back.asMap().keySet()));
        assertEquals("", back.get("empty"));
        assertEquals(42L, back.getLong("number", -1));
    }

    @Test
    void an_empty_set_of_fields_reads_back_empty() {
        assertEquals(Map.of(), roundTrip(new Fields()).asMap());
    }

    @Test
    void a_null_value_is_not_stored() {
        Fields fields = new Fields().put("gone", null).put("kept", "v");
        assertEquals(Map.of("kept", "v"), roundTrip(fields).asMap());
    }

    @Test
    void fields_decode_from_an_offset_inside_a_larger_document() {
        byte[] body = new Fields().put("a", "1").put("b", "2").encode();
        byte[] doc = DocumentCodec.document(DocType.NOTE, body);
        assertEquals(Map.of("a", "1", "b", "2"), Fields.decode(doc, 1, doc.length).asMap());
    }

    @Test
    void list_gathers_numbered_values_until_the_first_gap() {
        Fields fields = new Fields()
            .put("main.arg.0", "first")
            .put("main.arg.1", "")
            .put("main.arg.2", "third")
            .put("main.arg.4", "after a gap")
            .put("main.args", "not numbered");
        assertEquals(List.of("first", "", "third"), roundTrip(fields).list("main.arg."));
        assertEquals(List.of(), fields.list("jvm.arg."));
    }

    @Test
    void get_long_falls_back_when_the_value_is_missing_or_not_a_number() {
        Fields fields = new Fields().put("n", "12").put("word", "twelve");
        assertEquals(12, fields.getLong("n", -1));
        assertEquals(-1, fields.getLong("word", -1));
        assertEquals(-1, fields.getLong("absent", -1));
        assertNull(fields.get("absent"));
        assertEquals("fallback", fields.get("absent", "fallback"));
    }

    @Test
    void every_truncation_of_a_valid_encoding_is_reported_as_corrupt() {
        byte[] bytes = new Fields().put("k\u00e9y", "v\u00e5lue").put("second", "2").encode();
        for (int limit = 0; limit < bytes.length; limit++) {
            int cut = limit;
            assertThrows(CorruptJournalException.class, () -> Fields.decode(bytes, 0, cut), "limit " + limit);
        }
    }

    @Test
    void a_field_count_larger_than_the_document_is_reported_as_corrupt() {
        byte[] bytes = new ByteSink(16).writeUnsigned(1_000_000).toByteArray();
        assertThrows(CorruptJournalException.class, () -> Fields.decode(bytes, 0, bytes.length));
    }

    @Test
    void decoding_garbage_raises_only_corrupt_journal_exception() {
        Random random = new Random(20240229L);
        int decoded = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            if (i % 4 == 0 && garbage.length > 0) {
                garbage[0] = (byte) random.nextInt(4); // small counts reach the string decoding more often
            }
            try {
                Fields.decode(garbage, 0, garbage.length);
                decoded++;
            } catch (CorruptJournalException expected) {
                // the only acceptable failure
            } catch (RuntimeException | Error e) {
                fail("garbage #" + i + " raised " + e, e);
            }
        }
        // Some garbage happens to be valid (count 0 is a single zero byte); most is not.
        assertTrue(decoded < 10_000, "decoded " + decoded);
    }
}
