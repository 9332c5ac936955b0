package dev.launch.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogMuxTest {
    @Test
    void prefixesEveryLineWithAFixedWidthNameKeepingAFinalLineWithoutNewline() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogMux mux = new LogMux(out, List.of("alice", "networkSimulator"), false);
        mux.pump("alice", new ByteArrayInputStream("one\r\ntwo\n\nlast".getBytes(StandardCharsets.UTF_8)), null).join();
        assertEquals("""
                alice            | one
                alice            | two
                alice            |\s
                alice            | last
                """, out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("one", "two", "", "last"), mux.tail("alice"));
    }

    @Test
    void cutsVeryLongLinesIntoPrefixedPiecesWithoutLosingBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogMux mux = new LogMux(out, List.of("a"), false);
        String longLine = "x".repeat(200_000);
        mux.pump("a", new ByteArrayInputStream((longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8)), null).join();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.startsWith("a | ")));
        assertEquals(200_000, lines.stream().limit(lines.size() - 1).mapToInt(l -> l.length() - 4).sum());
        assertEquals("a | short", lines.get(lines.size() - 1));
    }

    @Test
    void keepsTheLastTwentyLinesOfEachProcess() throws Exception {
        LogMux mux = new LogMux(new ByteArrayOutputStream(), List.of("a"), false);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            sb.append("line ").append(i).append('\n');
        }
        mux.pump("a", new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), null).join();
        List<String> tail = mux.tail("a");
        assertEquals(20, tail.size());
        assertEquals("line 31", tail.get(0));
        assertEquals("line 50", tail.get(19));
    }

    @Test
    void colouredPrefixesWhenAskedFor() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogMux mux = new LogMux(out, List.of("a", "bb"), true);
        mux.line("bb", "hi");
        assertEquals("\u001b[33mbb |\u001b[0m hi\n", out.toString(StandardCharsets.UTF_8));
    }
}
