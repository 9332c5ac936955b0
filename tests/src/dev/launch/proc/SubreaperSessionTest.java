package dev.launch.proc;

import dev.launch.testing.Cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Linux prefix: the command leads a session of its own, under the same pid, as a child subreaper. */
@ExtendWith(Cleanup.class)
class SubreaperSessionTest {

    private static List<String> prefix() {
        Sessions.Linux calls = Sessions.Linux.here();
        assumeTrue(calls != null, "a Linux machine whose prctl number is known");
        return Sessions.subreaper(calls);
    }

    @Test
    void theCommandLeadsItsOwnSessionUnderTheSamePidAndKeepsItsOrphans(@TempDir Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(prefix());
        // (sleep &) orphans the sleep at once: it must come back to this shell, not go to init
        cmd.addAll(List.of("sh", "-c", "ps -o sid= -p $$ > " + dir.resolve("sid") + "; (sleep 31 & echo $! > " + dir.resolve("orphan")
                + "); sleep 0.3; ps -o ppid= -p $(cat " + dir.resolve("orphan") + ") > " + dir.resolve("ppid") + "; echo $$ > "
                + dir.resolve("pid") + "; exec sleep 30"));
        Process p = Cleanup.launcher(new ProcessBuilder(cmd).redirectErrorStream(true).start(), null);
        Path pid = dir.resolve("pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(pid) && Files.readString(pid).endsWith("\n")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Long.toString(p.pid()), Files.readString(pid).strip(), "exec keeps the pid");
        assertEquals(Long.toString(p.pid()), Files.readString(dir.resolve("sid")).strip(), "it leads its own session");
        assertEquals(Long.toString(p.pid()), Files.readString(dir.resolve("ppid")).strip(), "the orphan was reparented to it");
        assertTrue(p.descendants().anyMatch(h -> h.info().commandLine().orElse("").endsWith("sleep 31")), "so it is in its tree");
    }

    @Test
    void itSaysWhatItCouldNotRun() throws Exception {
        List<String> cmd = new ArrayList<>(prefix());
        cmd.add("no-such-command-anywhere");
        Process p = Cleanup.launcher(new ProcessBuilder(cmd).redirectErrorStream(true).start(), null);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(127, p.exitValue());
        assertTrue(new String(p.getInputStream().readAllBytes()).contains("cannot run no-such-command-anywhere"));
    }
}
