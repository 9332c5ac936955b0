package dev.launch.util;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Linux or portable. On Linux, processes are looked at through /proc; the portable way (macOS,
 * or {@code LAUNCH_PORTABLE=1} so that Linux exercises it too) asks {@code ps}, {@code lsof} and
 * the JDK instead. A child gets a session of its own from perl (on Linux with raw system calls,
 * which also make it a child subreaper, portable or not) or setsid(1) when perl is missing.
 */
public final class Platform {
    private static final boolean PORTABLE = "1".equals(System.getenv("LAUNCH_PORTABLE"))
            || !Files.isDirectory(Path.of("/proc/self"));

    private Platform() {}

    /** True when /proc is missing, or LAUNCH_PORTABLE=1 asks for the portable way. */
    public static boolean portable() {
        return PORTABLE;
    }

    /** An executable called {@code name} in a directory of PATH (no process is started to find out). */
    public static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /** The lines a short command prints on stdout; empty when it is missing, fails or takes over 5 s. */
    public static List<String> run(String... command) {
        try {
            Process p = Spawn.start(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            return out.lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
