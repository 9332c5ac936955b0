package dev.launch.proc;

import dev.launch.testing.Cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The portable way (macOS, LAUNCH_PORTABLE=1) to find, judge and detach processes: ps and perl instead of /proc and setsid(1). */
@ExtendWith(Cleanup.class)
class PortableProcessesTest {

    private Process start(List<String> command, String token) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (token != null) {
            pb.environment().put(ProcessTree.TOKEN_VAR, token);
        }
        Process p = Cleanup.launcher(pb.start(), null);
        return p;
    }

    @Test
    void psFindsTheProcessesWhoseEnvironmentHoldsTheTokenAndNoOther() throws Exception {
        String token = ProcessTree.newToken();
        Process marked = start(List.of("sleep", "30"), token);
        Process other = start(List.of("sleep", "30"), ProcessTree.newToken());
        Process plain = start(List.of("sleep", "30"), null);
        List<Long> found = PsProcesses.withEnvEntry(ProcessTree.TOKEN_VAR + "=" + token);
        assertEquals(List.of(marked.pid()), found, "others: " + other.pid() + ", " + plain.pid());
    }

    @Test
    void psTellsAZombieFromARunningProcess() throws Exception {
        // The inner sleep exits at once and its parent (exec'ed into a long sleep) never reaps it.
        Process parent = start(List.of("sh", "-c", "sleep 0 & exec sleep 30"), null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ProcessHandle child = null;
        while (child == null && System.nanoTime() < deadline) {
            child = parent.children().findFirst().orElse(null);
            Thread.sleep(20);
        }
        assertTrue(child != null, "the inner sleep was seen");
        Thread.sleep(300);
        assertTrue(child.isAlive(), "a zombie still counts as alive for the JDK");
        // One ps for both: the zombie (ps shows it as Z) is left out, and so is a pid that is gone.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertEquals(Set.of(parent.pid()), PsProcesses.runningNotZombie(List.of(parent.pid(), child.pid(), gone.pid())));
    }

    @Test
    void perlStartsTheCommandInASessionOfItsOwnUnderTheSamePid(@TempDir Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(Sessions.PERL);
        cmd.addAll(List.of("sh", "-c", "ps -o sid= -p $$ > " + dir.resolve("sid") + "; echo $$ > " + dir.resolve("pid") + "; exec sleep 30"));
        Process p = start(cmd, null);
        Path sid = dir.resolve("pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(sid) && Files.readString(sid).endsWith("\n")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Long.toString(p.pid()), Files.readString(dir.resolve("pid")).strip(), "exec keeps the pid");
        assertEquals(Long.toString(p.pid()), Files.readString(dir.resolve("sid")).strip(), "it leads its own session");
    }

    @Test
    void perlSaysWhatItCouldNotRun() throws Exception {
        List<String> cmd = new ArrayList<>(Sessions.PERL);
        cmd.add("no-such-command-anywhere");
        Process p = start(cmd, null);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(127, p.exitValue());
        assertTrue(new String(p.getInputStream().readAllBytes()).contains("cannot run no-such-command-anywhere"));
    }
}
