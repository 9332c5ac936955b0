package dev.launch.cli;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;
import dev.launch.testing.TestProject;
import dev.launch.util.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ports.sticky: a checkout (two here, as two git worktrees would be) gets the block it had last
 * time when that block is free, whatever order the stacks start in; status and the banner say so.
 */
class StickyRangesTest {
    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        LaunchedStack.killAll();
    }

    private static LaunchedStack up(TestProject checkout) throws Exception {
        LaunchedStack s = LaunchedStack.start(checkout);
        assertTrue(s.awaitUp(Duration.ofSeconds(60)), "not up: " + s.out + s.err);
        return s;
    }

    private static String banner(LaunchedStack s) {
        return s.out.stream().filter(l -> l.contains(" is up in ")).findFirst().orElseThrow();
    }

    @Test
    void eachCheckoutGetsItsRangeBackWhateverOrderTheyStartIn() throws Exception {
        TestProject first = new TestProject(dir.resolve("main"));
        List<Integer> bases = first.withChain(2, 2, false);
        LaunchedStack.writeEnvFileProfile(first, "app.env", "  sticky: true\n");
        TestProject second = first.checkout(dir.resolve("feature"));

        LaunchedStack a = up(first);
        LaunchedStack b = up(second);
        assertTrue(banner(a).contains("RA ports " + bases.get(0)), banner(a));
        assertTrue(banner(b).contains("RB ports " + bases.get(1)), banner(b));
        assertFalse(banner(a).contains("sticky"), "nothing was remembered yet: " + banner(a));
        assertEquals(143, a.stop());
        assertEquals(143, b.stop());

        // The feature checkout starts first this time, and still gets RB; main still gets RA.
        b = up(second);
        a = up(first);
        assertTrue(banner(b).contains("RB ports " + bases.get(1) + "-" + (bases.get(1) + 1) + " (sticky"), banner(b));
        assertTrue(banner(a).contains("RA ports " + bases.get(0) + "-" + (bases.get(0) + 1) + " (sticky"), banner(a));

        Launcher.Result table = first.subprocess("status");
        assertTrue(table.out().contains("RB " + bases.get(1) + "-" + (bases.get(1) + 1) + " sticky"), table.out());
        JsonNode json = Json.mapper().readTree(first.subprocess("status", "--json").out());
        for (JsonNode i : json) {
            assertTrue(i.get("sticky").asBoolean(), i.toString());
        }
        assertEquals(143, a.stop());
        assertEquals(143, b.stop());
    }

    @Test
    void aRememberedRangeThatIsBusyGivesWayToTheChainOrder() throws Exception {
        TestProject first = new TestProject(dir.resolve("main"));
        List<Integer> bases = first.withChain(2, 2, false);
        LaunchedStack.writeEnvFileProfile(first, "app.env", "  sticky: true\n");
        TestProject second = first.checkout(dir.resolve("feature"));
        LaunchedStack a = up(first);
        LaunchedStack b = up(second);
        assertEquals(143, a.stop());
        assertEquals(143, b.stop());

        try (ServerSocket busy = TestPorts.listen("127.0.0.1", bases.get(1) + 1)) {
            b = up(second);
            assertTrue(banner(b).contains("RA ports " + bases.get(0)), banner(b));
            assertFalse(banner(b).contains("sticky"), banner(b));
            assertEquals(143, b.stop());
        }
    }
}
