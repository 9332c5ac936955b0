package dev.launch.registry;

import dev.launch.envfile.EnvFile;
import dev.launch.proc.Processes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One registry entry: a running stack (RUN) or a `ports` reservation (LEASE). The owner is
 * identified by pid and start time, so a recycled pid never keeps a dead entry alive.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Instance(
        int format,
        String id,
        String profile,
        Kind kind,
        String range,
        int blockStart,
        int blockCount,
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
        boolean sticky) {

    public static final int FORMAT = 1;

    public enum Kind { RUN, LEASE }

    public Instance {
        ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        processes = processes == null ? List.of() : List.copyOf(processes);
        envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
        envTargets = envTargets == null ? List.of() : List.copyOf(envTargets);
        urls = urls == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(urls));
    }

    /** An entry without env targets, urls or stickiness (a lease, or an entry being built up). */
    public Instance(int format, String id, String profile, Kind kind, String range, int blockStart, int blockCount,
                    Map<String, Integer> ports, long pid, String pidStart, long createdAt, long leaseUntil, String runToken,
                    String cwd, Long watchdogPid, List<ProcessInfo> processes, List<EnvFile.Backup> envFiles) {
        this(format, id, profile, kind, range, blockStart, blockCount, ports, pid, pidStart, createdAt, leaseUntil, runToken,
                cwd, watchdogPid, processes, envFiles, List.of(), Map.of(), false);
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
        Integer port = ports.get(portName);
        return url != null ? url : "http://localhost:" + port + "/";
    }

    /** What the launcher knows of one child process. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProcessInfo(String name, long pid, String pidStart, String state, int restarts, Integer exitCode) {
        public ProcessInfo withState(String newState) {
            return new ProcessInfo(name, pid, pidStart, newState, restarts, exitCode);
        }
    }

    public int blockLast() {
        return blockStart + blockCount - 1;
    }

    public boolean holds(int port) {
        return port >= blockStart && port <= blockLast();
    }

    public boolean overlaps(int first, int count) {
        return blockStart <= first + count - 1 && first <= blockLast();
    }

    /** Alive: a lease not yet expired, or a run whose owner process (same pid, same start) exists. */
    public boolean alive(long nowMillis) {
        if (kind == Kind.LEASE) {
            return nowMillis < leaseUntil;
        }
        return Processes.isAlive(pid, pidStart);
    }

    public Instance withProcesses(List<ProcessInfo> newProcesses) {
        return new Instance(format, id, profile, kind, range, blockStart, blockCount, ports, pid, pidStart,
                createdAt, leaseUntil, runToken, cwd, watchdogPid, newProcesses, envFiles, envTargets, urls, sticky);
    }

    public Instance withEnvFiles(List<EnvFile.Backup> newEnvFiles) {
        return new Instance(format, id, profile, kind, range, blockStart, blockCount, ports, pid, pidStart,
                createdAt, leaseUntil, runToken, cwd, watchdogPid, processes, newEnvFiles, envTargets, urls, sticky);
    }

    public Instance withWatchdog(Long newWatchdogPid) {
        return new Instance(format, id, profile, kind, range, blockStart, blockCount, ports, pid, pidStart,
                createdAt, leaseUntil, runToken, cwd, newWatchdogPid, processes, envFiles, envTargets, urls, sticky);
    }

    /** The same entry with what it writes (or would write) into env files, its port urls and stickiness. */
    public Instance withFrontend(List<EnvTarget> newEnvTargets, Map<String, String> newUrls, boolean newSticky) {
        return new Instance(format, id, profile, kind, range, blockStart, blockCount, ports, pid, pidStart,
                createdAt, leaseUntil, runToken, cwd, watchdogPid, processes, envFiles, newEnvTargets, newUrls, newSticky);
    }

    public Optional<ProcessInfo> process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<ProcessInfo> mutableProcesses() {
        return new ArrayList<>(processes);
    }
}
