package dev.launch.registry;

import dev.launch.envfile.EnvFile;
import dev.launch.ports.PortRange;
import dev.launch.proc.Processes;
import dev.launch.util.RandomBytes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One registry entry: a running stack (RUN) or a `ports` reservation (LEASE). The owner is
 * identified by pid and start time, so a recycled pid never keeps a dead entry alive. The block
 * is the range it was taken from (its name, or "scan") with the block's first port and size.
 * {@code grace} is what its launcher gives the stack at teardown (null in entries of older launchers).
 * New entries come from {@link #run} and {@link #lease}; the full constructor is for reading them back.
 */
public record Instance(
        int format,
        String id,
        String profile,
        Kind kind,
        PortRange block,
        Map<String, Integer> ports,
        long pid,
        String pidStart,
        long createdAt,
        long leaseUntil,
        String runToken,
        String cwd,
        Long watchdogPid,
        List<ProcessInfo> processes,
        List<EnvFile.Backup> envFiles,
        List<EnvTarget> envTargets,
        Map<String, String> urls,
        boolean sticky,
        Duration grace) {

    public static final int FORMAT = 1;

    public enum Kind { RUN, LEASE }

    public Instance {
        java.util.Objects.requireNonNull(block, "block");
        ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        processes = processes == null ? List.of() : List.copyOf(processes);
        envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
        envTargets = envTargets == null ? List.of() : List.copyOf(envTargets);
        urls = urls == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(urls));
    }

    /** An entry without env targets, urls or stickiness (as entries are first made). */
    public Instance(int format, String id, String profile, Kind kind, PortRange block, Map<String, Integer> ports, long pid,
                    String pidStart, long createdAt, long leaseUntil, String runToken, String cwd, Long watchdogPid,
                    List<ProcessInfo> processes, List<EnvFile.Backup> envFiles) {
        this(format, id, profile, kind, block, ports, pid, pidStart, createdAt, leaseUntil, runToken, cwd, watchdogPid,
                processes, envFiles, List.of(), Map.of(), false, null);
    }

    /**
     * An env file this instance writes, or would write were it the file's owner: the rendered
     * absolute path and values, so another shell can print them and a hand-over can write them.
     */
    public record EnvTarget(java.nio.file.Path file, Map<String, String> values) {
        public EnvTarget {
            file = file.toAbsolutePath().normalize();
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /** How a port is shown: its {@code ports.urls} entry, else http://localhost:PORT/. */
    public String url(String portName) {
        String url = urls.get(portName);
        return url != null ? url : "http://localhost:" + ports.get(portName) + "/";
    }

    /** A running stack owned by this process, started now; {@code cwd} is the checkout it runs from. */
    public static Instance run(String id, String profile, PortRange block, Map<String, Integer> ports, String runToken, String cwd) {
        return new Instance(FORMAT, id, profile, Kind.RUN, block, ports, ProcessHandle.current().pid(), Processes.currentStart(),
                System.currentTimeMillis(), 0, runToken, cwd, null, List.of(), List.of());
    }

    /** A `ports` reservation of this process for the checkout {@code cwd}; holds its block for {@code lease} from now. */
    public static Instance lease(String id, String profile, PortRange block, Map<String, Integer> ports, Duration lease, String cwd) {
        long now = System.currentTimeMillis();
        return new Instance(FORMAT, id, profile, Kind.LEASE, block, ports, ProcessHandle.current().pid(), null, now,
                now + lease.toMillis(), RandomBytes.hex(16), cwd, null, List.of(), List.of());
    }

    /** What the launcher knows of one child process. */
    public record ProcessInfo(String name, long pid, String pidStart, String state, int restarts, Integer exitCode) {}

    /** The name of the range the block was taken from ("scan" for a block found by scanning). */
    public String range() {
        return block.name();
    }

    /** Alive: a lease not yet expired, or a run whose owner process (same pid, same start) exists. */
    public boolean alive(long nowMillis) {
        if (kind == Kind.LEASE) {
            return nowMillis < leaseUntil;
        }
        return Processes.isAlive(pid, pidStart);
    }

    public Instance withProcesses(List<ProcessInfo> newProcesses) {
        return new Instance(format, id, profile, kind, block, ports, pid, pidStart,
                createdAt, leaseUntil, runToken, cwd, watchdogPid, newProcesses, envFiles, envTargets, urls, sticky, grace);
    }

    public Instance withEnvFiles(List<EnvFile.Backup> newEnvFiles) {
        return new Instance(format, id, profile, kind, block, ports, pid, pidStart,
                createdAt, leaseUntil, runToken, cwd, watchdogPid, processes, newEnvFiles, envTargets, urls, sticky, grace);
    }

    public Instance withWatchdog(Long newWatchdogPid) {
        return new Instance(format, id, profile, kind, block, ports, pid, pidStart,
                createdAt, leaseUntil, runToken, cwd, newWatchdogPid, processes, envFiles, envTargets, urls, sticky, grace);
    }

    /** The same entry with what it writes (or would write) into env files, its port urls and stickiness. */
    public Instance withFrontend(List<EnvTarget> newEnvTargets, Map<String, String> newUrls, boolean newSticky) {
        return new Instance(format, id, profile, kind, block, ports, pid, pidStart,
                createdAt, leaseUntil, runToken, cwd, watchdogPid, processes, envFiles, newEnvTargets, newUrls, newSticky, grace);
    }

    /** The same entry with the grace its launcher gives the stack at teardown (so `stop` knows how long to wait). */
    public Instance withGrace(Duration newGrace) {
        return new Instance(format, id, profile, kind, block, ports, pid, pidStart,
                createdAt, leaseUntil, runToken, cwd, watchdogPid, processes, envFiles, envTargets, urls, sticky, newGrace);
    }

    public Optional<ProcessInfo> process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
