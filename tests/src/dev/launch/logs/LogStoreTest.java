package dev.launch.logs;

import dev.launch.run.LogMux;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real process's output through LogMux into the log files, and read back. */
class LogStoreTest {
    @TempDir
    Path dir;

    private static Process sh(String script) throws Exception {
        return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    }

    @Test
    void aHundredThousandLinesAreCappedOnDiskAndTheNewestAreKept() throws Exception {
        Path logs = dir.resolve("logs").resolve("app-1-1");
        LogStore store = LogStore.create(logs, List.of("storm", "calm"));
        LogMux mux = new LogMux(new ByteArrayOutputStream(), List.of("storm", "calm"), false);
        mux.keep(store);
        Process storm = sh("seq -f 'line %06g of a storm that does not stop' 1 100000");
        mux.pump("storm", storm.getInputStream(), null).join(60_000);
        mux.line("calm", "one calm line");
        mux.flush();

        long onDisk = Files.size(logs.resolve("storm.log")) + Files.size(logs.resolve("storm.log.1"));
        assertTrue(onDisk <= 2 * LogStore.SEGMENT_BYTES, "capped: " + onDisk);
        assertTrue(onDisk > LogStore.SEGMENT_BYTES, "the newest segment and the one before: " + onDisk);
        LogReader reader = LogReader.open(logs, List.of("storm"));
        List<LogReader.Line> tail = reader.tail(3);
        assertEquals(List.of("line 099998 of a storm that does not stop", "line 099999 of a storm that does not stop",
                "line 100000 of a storm that does not stop"), tail.stream().map(LogReader.Line::text).toList());
        assertEquals("storm | line 100000 of a storm that does not stop", reader.format(tail.get(2)));
        String oldest = Files.readAllLines(logs.resolve("storm.log.1")).get(0);
        assertTrue(!oldest.endsWith("line 000001 of a storm that does not stop"), "the oldest lines are gone: " + oldest);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs.resolve("storm.log"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)));
        store.close();
    }

    @Test
    void processesAreMergedByTimeAndFollowingSeesNewLinesAcrossARotation() throws Exception {
        Path logs = dir.resolve("logs").resolve("app-1-1");
        LogStore store = LogStore.create(logs, List.of("alice", "bob"));
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "b".getBytes(StandardCharsets.UTF_8);
        store.append("alice", 10, a, 0, 1);
        store.append("bob", 5, b, 0, 1);
        store.append("bob", 20, b, 0, 1);
        store.flush();
        LogReader reader = LogReader.open(logs, List.of());
        assertEquals(List.of("bob   | b", "alice | a", "bob   | b"), reader.tail(10).stream().map(reader::format).toList());

        byte[] big = "x".repeat(1000).getBytes(StandardCharsets.UTF_8);
        int written = 0;
        while (!Files.exists(logs.resolve("alice.log.1"))) {
            store.append("alice", 30 + written++, big, 0, big.length);
        }
        store.append("alice", 100_000, a, 0, 1);
        store.flush();
        List<LogReader.Line> next = reader.next();
        assertEquals(written + 1, next.size(), "every line once, across the rotation");
        assertEquals("a", next.get(next.size() - 1).text());
        assertEquals(List.of(), reader.next());
        store.close();
    }

    @Test
    void aLineWithoutANewlineIsWrittenAfterAShortWaitNotAtExit() throws Exception {
        Path logs = dir.resolve("logs").resolve("app-1-1");
        LogStore store = LogStore.create(logs, List.of("asker"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogMux mux = new LogMux(out, List.of("asker"), false);
        mux.keep(store);
        Process asker = sh("printf 'Password: '; sleep 30");
        try {
            mux.pump("asker", asker.getInputStream(), null);
            assertTrue(Stack.eventually(Duration.ofSeconds(2), () -> {
                synchronized (out) {
                    return out.toString(StandardCharsets.UTF_8).equals("asker | Password: \n");
                }
            }), out.toString(StandardCharsets.UTF_8));
            assertTrue(Stack.eventually(Duration.ofSeconds(2), () -> {
                try {
                    return LogReader.open(logs, List.of()).tail(5).stream().map(LogReader.Line::text).toList().equals(List.of("Password: "));
                } catch (java.io.IOException e) {
                    return false;
                }
            }));
        } finally {
            asker.destroyForcibly();
            store.close();
        }
    }
}
