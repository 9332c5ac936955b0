package dev.launch.registry;

import dev.launch.testing.Launcher;
import dev.launch.testing.LoopbackPorts;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anyone who can open the lock file can hold a lock on it; commands wait for it a bounded time only. */
class LockWaitTest {
    @Test
    void aLockHeldElsewhereFailsTheCommandAfterTenSecondsNamingTheHolder(@TempDir Path dir) throws Exception {
        assumeTrue(LoopbackPorts.hasPython3(), "needs python3");
        TestProject project = new TestProject(dir);
        project.withChain(1, 2, false);
        assertEquals(0, project.inProcess("status").exit());
        Path lock = project.state.resolve("lock");
        assertTrue(Files.exists(lock));
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl,os,sys,time\n"
                + "fd=os.open(sys.argv[1],os.O_RDONLY)\nfcntl.lockf(fd,fcntl.LOCK_SH)\nprint('held',flush=True)\ntime.sleep(120)",
                lock.toString()).start();
        try {
            assertEquals("held", new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine());
            long t0 = System.nanoTime();
            Launcher.Result r = Launcher.within(Duration.ofSeconds(40), dir, Map.of(), project.args("status"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().contains("pid " + holder.pid()) && r.err().contains("python3"), r.err());
            assertTrue(ms >= 9_000 && ms < 25_000, "gave up after " + ms + " ms");
        } finally {
            holder.destroyForcibly();
        }
    }
}
