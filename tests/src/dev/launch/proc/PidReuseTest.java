package dev.launch.proc;

import dev.launch.envfile.EnvFile;
import dev.launch.ports.PortRange;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.run.Reaper;
import dev.launch.run.Stopper;
import dev.launch.testing.LaunchedStack;
import dev.launch.testing.Launcher;
import dev.launch.testing.Stack;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pid recorded in the registry may belong to someone else by the time it is read: only a pid
 * whose recorded start time still matches is ever signalled, and no tree walk starts anywhere else.
 */
class PidReuseTest {
    @TempDir
    Path dir;

    private final List<Process> foreign = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (Process p : foreign) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        LaunchedStack.killAll();
    }

    /** An unrelated tree: a bash in a session of its own with two sleeping children; returns the bash. */
    private Process unrelatedTree() throws Exception {
        Process p = new ProcessBuilder("setsid", "bash", "-c", "sleep 1001 & sleep 1002 & echo up; wait").start();
        foreign.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("up", out.readLine());
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> p.descendants().count() == 2));
        return p;
    }

    private static boolean wholeTreeAlive(Process p) {
        return p.isAlive() && p.descendants().filter(ProcessTree::running).count() == 2;
    }

    /** A dead run's entry naming {@code victim} as one of its processes, with {@code start} (maybe null) as its start time. */
    private static String deadEntry(String id, long victim, String start) {
        return "{\"format\":1,\"id\":\"" + id + "\",\"profile\":\"app\",\"kind\":\"RUN\",\"range\":\"RA\",\"blockStart\":22990,"
                + "\"blockCount\":1,\"ports\":{\"p0\":22990},\"pid\":4000001,\"pidStart\":\"2020-01-01T00:00:00Z\",\"createdAt\":1,"
                + "\"processes\":[{\"name\":\"web\",\"pid\":" + victim + (start == null ? "" : ",\"pidStart\":\"" + start + "\"")
                + ",\"state\":\"restarting\",\"restarts\":3}]}";
    }

    @Test
    void pruneLeavesAProcessAloneWhoseStartTimeIsUnknownOrDifferent() throws Exception {
        Process victim = unrelatedTree();
        Path instances = Files.createDirectories(dir.resolve("state/instances"));
        Files.writeString(instances.resolve("app-1.json"), deadEntry("app-1", victim.pid(), null));
        Files.writeString(instances.resolve("app-2.json"), deadEntry("app-2", victim.pid(), "2020-01-01T00:00:00Z"));
        Launcher.Result prune = Launcher.within(Duration.ofSeconds(60), dir, Map.of(), "prune", "--state-dir", dir.resolve("state").toString());
        assertEquals(0, prune.exit(), prune.err());
        assertTrue(prune.out().contains("2 dead entries pruned"), prune.out());
        Thread.sleep(300);
        assertTrue(wholeTreeAlive(victim), "prune signalled an unrelated process tree: " + prune.out());
    }

    @Test
    void theWatchdogsCleanUpAndStopNeverSignalAPidWithoutItsStartTime() throws Exception {
        Process victim = unrelatedTree();
        Instance entry = new Instance(Instance.FORMAT, "app-1", "app", Instance.Kind.RUN, new PortRange("RA", 22991, 1),
                Map.of("p0", 22991), victim.pid(), null, 1, 0, null, dir.toString(), null,
                List.of(new Instance.ProcessInfo("web", victim.pid(), null, "exited", 0, 1),
                        new Instance.ProcessInfo("api", 1, null, "exited", 0, 1)),
                List.<EnvFile.Backup>of());
        Reaper.Result r = Reaper.cleanUp(entry, Duration.ofMillis(200));
        assertEquals(0, r.processesEnded());
        Stopper.stop(new Registry(dir.resolve("state"), null), entry, Duration.ofSeconds(1));
        Instance wrongStart = entry.withProcesses(List.of(new Instance.ProcessInfo("web", victim.pid(), "2020-01-01T00:00:00Z",
                "exited", 0, 1)));
        Reaper.cleanUp(wrongStart, Duration.ofMillis(200));
        Thread.sleep(300);
        assertTrue(wholeTreeAlive(victim), "an unrelated process tree was signalled");
    }

    @Test
    void aProcessGetsNoStartTimeFromItsPidAloneAndInitIsNeverARoot() {
        assertTrue(Processes.find(ProcessHandle.current().pid(), null).isEmpty());
        assertTrue(Processes.find(1, Processes.startOf(ProcessHandle.of(1).orElseThrow())).isEmpty());
        assertTrue(Processes.find(ProcessHandle.current().pid(), Processes.currentStart()).isPresent());
    }

    /**
     * The review's reproduction: a crash-looping process is between restarts when launcher and
     * watchdog are SIGKILLed; its pid is handed to an unrelated bash (forced through
     * ns_last_pid); `prune` must end the stack's leftovers and leave the bash alone.
     */
    @Test
    void aRecycledPidOfACrashLoopingProcessIsNotKilledByPrune() throws Exception {
        Path lastPid = Path.of("/proc/sys/kernel/ns_last_pid");
        assumeTrue(Files.isWritable(lastPid) && "0".equals(String.valueOf(Users.currentUid())), "needs root and ns_last_pid");
        TestProject project = new TestProject(dir);
        project.withChain(1, 1, false);
        project.writeProfile("app", Files.readString(project.profiles.resolve("app.yaml")) + """
                processes:
                  crash:
                    command: [sh, -c, "sleep 0.3; exit 3"]
                    restart: on-failure
                    max_restarts: 8
                  keep:
                    command: [sleep, "1000"]
                """);
        LaunchedStack stack = LaunchedStack.start(project);
        Path entryFile = project.state.resolve("instances/app-1.json");
        Instance.ProcessInfo[] crashed = new Instance.ProcessInfo[1];
        assertTrue(Stack.eventually(Duration.ofSeconds(60), () -> {
            try {
                Optional<Instance.ProcessInfo> p = Registry.read(entryFile).process("crash");
                if (p.isPresent() && p.get().state().equals("restarting") && p.get().pid() > 1) {
                    crashed[0] = p.get();
                    return true;
                }
            } catch (Exception e) {
                // not written yet
            }
            return false;
        }), "the crash loop shows in the registry: " + stack.err);
        Instance entry = Registry.read(entryFile);
        ProcessHandle.of(entry.watchdogPid()).ifPresent(ProcessHandle::destroyForcibly);
        stack.process.destroyForcibly();
        stack.process.waitFor();

        long pid = crashed[0].pid();
        Process reused = null;
        for (int attempt = 0; attempt < 20 && reused == null; attempt++) {
            Files.writeString(lastPid, Long.toString(pid - 1));
            Process p = new ProcessBuilder("setsid", "bash", "-c", "sleep 2001 & sleep 2002 & echo up; wait").start();
            foreign.add(p);
            if (p.pid() == pid) {
                reused = p;
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        assumeTrue(reused != null, "pid " + pid + " could not be recycled (another process took it)");
        Process victim = reused;
        assertEquals("up", new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8)).readLine());
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> victim.descendants().count() == 2));

        Launcher.Result prune = project.subprocess("prune");
        assertEquals(0, prune.exit(), prune.err());
        assertTrue(prune.out().contains("pruned app-1"), prune.out());
        Thread.sleep(300);
        assertTrue(wholeTreeAlive(victim), "prune killed the process that was given the recycled pid " + pid);
        assertTrue(ProcessTree.byToken(entry.runToken()).isEmpty(), "the stack's own leftover (keep) was ended");
        assertNotNull(crashed[0].pidStart(), "the start time recorded at spawn is kept after the process exited");
    }
}
