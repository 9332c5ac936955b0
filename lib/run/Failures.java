package dev.launch.run;

import dev.launch.ports.PortHolder;
import dev.launch.ports.PortOwners;
import dev.launch.ports.PortProbe;
import dev.launch.proc.ProcessTree;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sentences a failed stack ends with: which process, how it ended, whether a foreign
 * program had taken its port, and its last lines of output.
 */
final class Failures {
    private Failures() {}

    static String describe(RenderedProcess p, int code, boolean wasReady, int restarts, String token, List<String> tail) {
        StringBuilder sb = new StringBuilder(p.name()).append(' ').append(exitPhrase(code));
        if (restarts > 0) {
            sb.append(" after ").append(restarts).append(restarts == 1 ? " restart" : " restarts");
        }
        if (!wasReady && p.ready() != null) {
            sb.append(" before it was ready");
        }
        sb.append("; stopping the stack");
        if (code != 0) {
            foreignPort(p, token).ifPresent(s -> sb.append("\nlaunch: ").append(s));
        }
        if (!tail.isEmpty()) {
            sb.append("\nlaunch: last lines of ").append(p.name()).append(':');
            for (String line : tail) {
                sb.append("\n  ").append(p.name()).append(" | ").append(line);
            }
        }
        return sb.toString();
    }

    /** "\nlast lines of api:\n  api | ...", once the pumps have written what it wrote last; "" without output. */
    static String lastLines(ManagedProcess p, LogMux logs) {
        p.awaitPumps(1000);
        StringBuilder sb = new StringBuilder();
        List<String> tail = logs.tail(p.spec.name());
        if (!tail.isEmpty()) {
            sb.append("\nlast lines of ").append(p.spec.name()).append(':');
            tail.forEach(line -> sb.append("\n  ").append(p.spec.name()).append(" | ").append(line));
        }
        return sb.toString();
    }

    static String exitPhrase(int code) {
        if (code > 128 && code < 128 + 65) {
            return "exited with code " + code + " (killed by signal " + (code - 128) + ")";
        }
        return "exited with code " + code;
    }

    /** "port 5001 was taken by another program (pid 123 python3) before alice could bind it". */
    static Optional<String> foreignPort(RenderedProcess p, String token) {
        for (Map.Entry<String, Integer> e : p.ports().entrySet()) {
            int port = e.getValue();
            if (PortProbe.isFree(port)) {
                continue;
            }
            Optional<PortHolder> holder = PortOwners.of(port).stream().filter(PortHolder::known).findFirst();
            if (holder.isPresent() && ProcessTree.byToken(token).stream().anyMatch(h -> h.pid() == holder.get().pid())) {
                continue; // one of ours (say a grandchild still running): not a foreign program
            }
            return Optional.of("port " + port + " (" + e.getKey() + ") was taken by another program"
                    + holder.map(h -> " (pid " + h.pid() + " " + programName(h) + ")").orElse("") + " before " + p.name()
                    + " could bind it");
        }
        return Optional.empty();
    }

    /** "java" for /usr/lib/jvm/.../bin/java: the program's file name, as ps shows it. */
    private static String programName(PortHolder h) {
        String command = ProcessHandle.of(h.pid()).flatMap(ph -> ph.info().command())
                .orElse(h.command().split(" ", 2)[0]);
        return Path.of(command).getFileName().toString();
    }

    /** Why {@code p} cannot be started at all (no such command or directory), or null. */
    static String missingCommand(RenderedProcess p) {
        Path cwd = p.cwd() == null ? Path.of("").toAbsolutePath() : p.cwd();
        if (Files.exists(cwd) && !Files.isDirectory(cwd)) {
            return "cannot start " + p.name() + ": its working directory " + cwd + " is a file, not a directory";
        }
        if (!Files.isDirectory(cwd)) {
            return "cannot start " + p.name() + ": its working directory " + cwd + " does not exist";
        }
        String cmd = p.command().get(0);
        if (cmd.contains("/")) {
            Path file = cwd.resolve(cmd);
            return Files.isExecutable(file) ? null
                    : "cannot start " + p.name() + ": " + file + (Files.exists(file) ? " is not executable" : " does not exist");
        }
        String path = p.env().getOrDefault("PATH", System.getenv("PATH"));
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, cmd))) {
                    return null;
                }
            }
        }
        return "cannot start " + p.name() + ": command not found: " + cmd + " (not on PATH)";
    }

    /** "3 processes of the stack and 4 descendants": what a teardown stopped, the stack's own counted apart. */
    static String stopped(int stack, int all) {
        int own = Math.min(stack, all);
        int descendants = all - own;
        if (own == 0) {
            return descendants + (descendants == 1 ? " process" : " processes") + " left behind by the stack";
        }
        return own + (own == 1 ? " process" : " processes") + " of the stack"
                + (descendants == 0 ? "" : " and " + descendants + (descendants == 1 ? " descendant" : " descendants"));
    }

    /** 5s, 1.5s, 250ms. */
    static String show(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
