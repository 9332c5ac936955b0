package dev.launch.run;

import dev.launch.proc.ProcessTree;
import dev.launch.testing.Cleanup;
import dev.launch.testing.Stack;
import dev.launch.testing.TestFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Linux every child is a child subreaper: orphans of its descendants are reparented to it.
 * One that exits then waits as the child's zombie until the child reaps it (or exits); that
 * neither disturbs the child nor holds up the teardown.
 */
@ExtendWith(Cleanup.class)
class SubreaperChildTest {
    @TempDir
    Path dir;

    @Test
    void anOrphanThatExitsWaitsAsTheChildsZombieAndHarmsNothing() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "only Linux has child subreapers");
        Path orphanPid = dir.resolve("orphan.pid");
        // the inner sh exits at once; its sleep is orphaned, then exits too
        Stack s = Stack.start(Duration.ofSeconds(20), Stack.sh("child",
                "env -u " + ProcessTree.TOKEN_VAR + " setsid sh -c 'sleep 0.3 & echo $! > " + orphanPid + "'; exec sleep 600"));
        s.awaitReady(Duration.ofSeconds(5));
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> Files.exists(orphanPid) && TestFiles.readOrEmpty(orphanPid).endsWith("\n")));
        long orphan = Long.parseLong(TestFiles.readOrEmpty(orphanPid).strip());
        ProcessHandle child = ProcessHandle.of(s.events().get(s.events().size() - 1).pid()).orElseThrow();

        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> zombieOf(orphan, child.pid())),
                "the orphan was reparented to the child and, once exited, waits there unreaped");
        Thread.sleep(300);
        assertTrue(ProcessTree.running(child), "the child runs on");
        assertFalse(s.exit.isDone(), "the stack runs on: " + s.err());

        long t0 = System.nanoTime();
        s.supervisor.stop();
        assertEquals(0, s.awaitExit(Duration.ofSeconds(30)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 10_000, "a zombie does not hold the teardown up for the 20s grace: " + ms + " ms");
        assertFalse(ProcessTree.running(child));
    }

    /** {@code pid} has exited and waits, unreaped, under {@code parent}. */
    private static boolean zombieOf(long pid, long parent) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return f[0].equals("Z") && Long.parseLong(f[1]) == parent;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
