package dev.launch.run;

import dev.launch.testing.Cleanup;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

@ExtendWith(Cleanup.class)
class LogStormTest {
    private static final int LINES = 100_000;

    private static RenderedProcess storm(String name, String stream) {
        return Stack.sh(name, "python3 -c \"import sys\nout=sys." + stream + "\nfor i in range(" + LINES + "): "
                + "out.write('%s-%06d-%s\\n' % ('" + name + "', i, 'x' * (i % 97)))\nout.write('DONE\\n')\nout.flush()\"; exec sleep 300");
    }

    @Test
    void twoProcessesWritingAHundredThousandLinesEachLoseAndTearNothing(TestReporter reporter) throws Exception {
        long t0 = System.nanoTime();
        Stack s = Stack.start(Duration.ofSeconds(2), storm("alice", "stdout"), storm("bob", "stderr"));
        assertTrue(Stack.eventually(Duration.ofSeconds(60), () -> List.of("DONE").equals(tailEnd(s, "alice"))
                && List.of("DONE").equals(tailEnd(s, "bob"))), "both storms finished");
        reporter.publishEntry("2 x 100000 lines through LogMux, ms", Long.toString((System.nanoTime() - t0) / 1_000_000));
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(10)));
        Pattern line = Pattern.compile("(alice|bob  ) \\| (alice|bob)-(\\d{6})-(x*)");
        int[] next = new int[2];
        for (String l : s.out().lines().toList()) {
            if (l.endsWith("| DONE")) {
                continue;
            }
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), "torn or foreign line: " + l);
            assertEquals(m.group(1).trim(), m.group(2), l);
            int who = m.group(2).equals("alice") ? 0 : 1;
            int n = Integer.parseInt(m.group(3));
            assertEquals(next[who], n, "lines of " + m.group(2) + " in order, none lost");
            assertEquals(n % 97, m.group(4).length(), l);
            next[who]++;
        }
        assertEquals(LINES, next[0]);
        assertEquals(LINES, next[1]);
    }

    private static List<String> tailEnd(Stack s, String name) {
        List<String> tail = s.logs.tail(name);
        return tail.isEmpty() ? List.of() : List.of(tail.get(tail.size() - 1));
    }
}
