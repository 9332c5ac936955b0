package dev.launch.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portable way (macOS, LAUNCH_PORTABLE=1) to find, judge and detach processes: ps and perl instead of /proc and setsid(1). */
class PortableProcessesTest {
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Process start(List<String> command, String token) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (token != null) {
            pb.environment().put(ProcessTree.TOKEN_VAR, token);
        }
        Process p = pb.start();
        started.add(p);
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
        assertTrue(PsProcesses.runningNotZombie(parent.pid()));
        assertTrue(child.isAlive(), "a zombie still counts as alive for the JDK");
        assertFalse(PsProcesses.runningNotZombie(child.pid()), "ps shows it as Z");
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
