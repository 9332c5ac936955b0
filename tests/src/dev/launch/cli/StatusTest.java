package dev.launch.cli;

import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.LiveStack;
import dev.launch.testing.TestProject;
import dev.launch.util.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status: each process's state, restarts and exit code; the checkout; a table that fits 100 columns. */
class StatusTest {
    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        LaunchedStack.killAll();
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonCarriesEachProcessAndTheCheckout() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);
        assertEquals(0, project.subprocess("stop", stack.id(), "stubborn").exit());

        List<Map<String, Object>> all = (List<Map<String, Object>>) Json.read(project.subprocess("status", "--json").out());

        Map<String, Object> instance = all.get(0);
        assertEquals(project.root.toString(), instance.get("cwd"));
        List<Map<String, Object>> processes = (List<Map<String, Object>>) instance.get("processes");
        assertEquals(List.of("talker", "ticker", "stubborn"), processes.stream().map(p -> p.get("name")).toList());
        Map<String, Object> talker = processes.get(0);
        assertEquals("ready", talker.get("state"));
        assertEquals(0L, talker.get("restarts"));
        assertTrue(((Number) talker.get("pid")).longValue() > 0);
        assertTrue(!talker.containsKey("exitCode"), "no exit code while it runs");
        Map<String, Object> stubborn = processes.get(2);
        assertEquals("stopped", stubborn.get("state"));
        assertEquals(137L, stubborn.get("exitCode"), "killed after the grace: 128 + SIGKILL");
    }

    @Test
    void theTableHasACheckoutColumnAndFitsAHundredColumns() throws Exception {
        TestProject project = new TestProject(dir);
        LaunchedStack stack = LiveStack.up(project);

        Launcher.Result r = project.subprocess("status");

        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("INSTANCE +PROFILE +PID +UPTIME +RANGE +CHECKOUT +PORTS"), r.out());
        assertTrue(lines.stream().allMatch(l -> l.length() <= 100), r.out());
        assertTrue(lines.get(1).startsWith(stack.id() + " "), r.out());
        assertTrue(r.out().contains(Checkouts.shorten(project.root.toString())), r.out());
        assertTrue(lines.contains("    talker:ready ticker:ready stubborn:ready"), "the processes on a line of their own: " + r.out());
    }

    @Test
    void aWideRowWrapsItsListsBetweenWordsNeverInside() {
        Table table = new Table("INSTANCE", "PROFILE", "PID", "UPTIME", "RANGE", "CHECKOUT", "PORTS");
        table.row("dev-12", "dev", 4194304, "3h 12m", "SECONDARY_DEV 5101-5104", "…/work/checkout-two",
                "alice=5101 bob=5102 networkSimulator=5103(down) networkHttp=5104(down)");
        table.note("network:ready alice:ready bob:restarting(2x) migrate:completed web:starting worker:stopped mailer:failed"
                + " cron:completed search:ready");

        String out = table.render(100, 4, 6);

        List<String> lines = out.lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.length() <= 100), out);
        assertTrue(lines.size() > 2, "wrapped: " + out);
        for (String word : List.of("SECONDARY_DEV", "networkSimulator=5103(down)", "networkHttp=5104(down)", "bob:restarting(2x)",
                "search:ready")) {
            assertTrue(out.contains(word), "never cut inside " + word + ":\n" + out);
        }
    }

    @Test
    void aLongCheckoutKeepsItsLastPartsAndHomeIsATilde() {
        String home = System.getProperty("user.home");
        assertEquals("~/src/launch", Checkouts.shorten(home + "/src/launch"));
        assertEquals("…/checkouts/launch-two", Checkouts.shorten("/very/long/path/to/the/checkouts/launch-two"));
        assertTrue(Checkouts.shorten("/very/long/path/to/the/checkouts/launch-two").length() <= Checkouts.MAX);
        assertEquals("…very-long-checkout-name", Checkouts.shorten("/tmp/this-is-a-very-long-checkout-name"));
    }
}
