package dev.launch.config;

import dev.launch.yaml.Problem;
import dev.launch.yaml.YamlDoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML 1.1 readings (octal, yes/no, sexagesimal ...) never reach a value; every surprise is an error with a position. */
class YamlTrapsTest {
    private static final Path FILE = Path.of("t.yaml");

    private static YamlDoc doc(String yaml) {
        return YamlDoc.parse(FILE, yaml);
    }

    private static List<String> problems(YamlDoc doc) {
        return doc.problems().stream().map(Problem::toString).toList();
    }

    private static Map<String, YamlDoc.Entry> top(YamlDoc doc) {
        return doc.mapping(doc.root(), "", "a mapping");
    }

    private static Integer number(String yaml) {
        YamlDoc doc = doc(yaml);
        return doc.wholeNumber(top(doc).get("n").value(), "n");
    }

    private static String numberError(String yaml) {
        YamlDoc doc = doc(yaml);
        assertNull(doc.wholeNumber(top(doc).get("n").value(), "n"), yaml);
        return problems(doc).get(0);
    }

    @Test
    void leadingZeroIsAmbiguousAndAnError() {
        assertEquals("t.yaml:1:4: n: leading zero is ambiguous in YAML (octal?); write 10", numberError("n: 010\n"));
        assertEquals("t.yaml:1:4: n: leading zero is ambiguous in YAML (octal?); write 5001", numberError("n: 005001\n"));
    }

    @Test
    void hexUnderscoresFractionsAndQuotedNumbersAreNotWholeNumbers() {
        assertEquals("t.yaml:1:4: n: expected a whole number (got 0x1389)", numberError("n: 0x1389\n"));
        assertEquals("t.yaml:1:4: n: expected a whole number (got 5_001)", numberError("n: 5_001\n"));
        assertEquals("t.yaml:1:4: n: expected a whole number (got 5001.0)", numberError("n: 5001.0\n"));
        assertEquals("t.yaml:1:4: n: expected a whole number (got 1:30)", numberError("n: 1:30\n"));
        assertEquals("t.yaml:1:4: n: expected a whole number, got the quoted text \"5001\"; remove the quotes",
                numberError("n: \"5001\"\n"));
        assertEquals("t.yaml:1:4: n: expected a whole number, got the quoted text \"5001\"; remove the quotes",
                numberError("n: '5001'\n"));
        assertEquals("t.yaml:1:4: n: expected a whole number, got a list", numberError("n: [1]\n"));
    }

    @Test
    void plainDecimalsAreWholeNumbers() {
        assertEquals(5001, number("n: 5001\n"));
        assertEquals(0, number("n: 0\n"));
        assertEquals(-3, number("n: -3\n"));
    }

    @Test
    void valuesKeepTheirWrittenText() {
        YamlDoc doc = doc("a: no\nb: 010\nc: 1.10\nd: yes\ne: off\nf: 1:30\ng: ~\n");
        Map<String, YamlDoc.Entry> m = top(doc);
        for (String[] kv : new String[][] {{"a", "no"}, {"b", "010"}, {"c", "1.10"}, {"d", "yes"}, {"e", "off"},
                {"f", "1:30"}, {"g", "~"}}) {
            assertEquals(kv[1], doc.text(m.get(kv[0]).value(), kv[0]));
        }
        assertTrue(doc.problems().isEmpty());
    }

    @Test
    void booleansAreOnlyTrueAndFalse() {
        YamlDoc doc = doc("a: true\nb: False\nc: yes\nd: \"true\"\n");
        Map<String, YamlDoc.Entry> m = top(doc);
        assertEquals(true, doc.bool(m.get("a").value(), "a"));
        assertEquals(false, doc.bool(m.get("b").value(), "b"));
        assertNull(doc.bool(m.get("c").value(), "c"));
        assertNull(doc.bool(m.get("d").value(), "d"));
        assertEquals(List.of("t.yaml:3:4: c: expected true or false, got \"yes\"",
                "t.yaml:4:4: d: expected true or false, got \"true\""), problems(doc));
    }

    @Test
    void duplicateKeysNameBothLines() {
        YamlDoc doc = doc("x:\n  a: 1\n  b: 2\n  a: 3\n");
        Map<String, YamlDoc.Entry> x = doc.mapping(top(doc).get("x").value(), "x", "a mapping");
        assertEquals(List.of("a", "b"), List.copyOf(x.keySet()));
        assertEquals("1", doc.text(x.get("a").value(), "x.a"));
        assertEquals(List.of("t.yaml:4:3: x: duplicate key \"a\": defined on line 2 and again on line 4"), problems(doc));
    }

    @Test
    void syntaxErrorIsOneParagraphWithThePosition() {
        YamlDoc doc = doc("a: 1\nb: [1, 2\nc: 3\n");
        assertNull(doc.root());
        List<String> p = problems(doc);
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("t.yaml:3:2: YAML syntax error: "), p.get(0));
        assertTrue(!p.get(0).contains("\n") && !p.get(0).contains("Exception"), p.get(0));
    }

    @Test
    void tabIndentationIsASyntaxErrorWithThePosition() {
        List<String> p = problems(doc("a:\n\tb: 1\n"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("t.yaml:2:1: YAML syntax error: "), p.get(0));
    }

    @Test
    void emptyDocumentHasNoRoot() {
        YamlDoc doc = doc("# only a comment\n");
        assertNull(doc.root());
        assertTrue(doc.problems().isEmpty());
    }

    @Test
    void wrongNodeKindsSayWhatWasFound() {
        YamlDoc doc = doc("a: [1]\nb: {x: 1}\nc: text\nd:\n");
        Map<String, YamlDoc.Entry> m = top(doc);
        assertNull(doc.mapping(m.get("a").value(), "a", "a mapping"));
        assertNull(doc.sequence(m.get("b").value(), "b", "a list"));
        assertNull(doc.mapping(m.get("c").value(), "c", "a mapping"));
        assertNull(doc.text(m.get("b").value(), "b"));
        assertNull(doc.sequence(m.get("d").value(), "d", "a list"));
        assertEquals(List.of("t.yaml:1:4: a: expected a mapping, got a list",
                "t.yaml:2:4: b: expected a list, got a mapping",
                "t.yaml:3:4: c: expected a mapping, got \"text\"",
                "t.yaml:2:4: b: expected text, got a mapping",
                "t.yaml:4:3: d: expected a list, got nothing"), problems(doc));
    }

    @Test
    void mergeKeysBringInEntriesWithoutOverriding() {
        YamlDoc doc = doc("base: &b { x: 1, y: 2 }\nuse:\n  <<: *b\n  y: 3\n");
        Map<String, YamlDoc.Entry> use = doc.mapping(top(doc).get("use").value(), "use", "a mapping");
        assertEquals("1", doc.text(use.get("x").value(), "use.x"));
        assertEquals("3", doc.text(use.get("y").value(), "use.y"));
        assertTrue(doc.problems().isEmpty());
    }

    @Test
    void hugeNumbersAndSelfMergesAreErrorsNotCrashes() {
        assertEquals("t.yaml:1:4: n: is far too large (got 99999999999)", numberError("n: 99999999999\n"));
        YamlDoc doc = doc("a: &x { <<: *x, b: 1 }\n");
        doc.mapping(top(doc).get("a").value(), "a", "a mapping");
        assertEquals(List.of("t.yaml:1:4: a: a << merge refers to itself"), problems(doc));
    }
}
