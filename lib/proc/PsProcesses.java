package dev.launch.proc;

import dev.launch.util.Platform;

import java.util.ArrayList;
import java.util.List;

/**
 * What /proc tells on Linux, asked of {@code ps} (macOS, or LAUNCH_PORTABLE=1). {@code ps e}
 * shows the environment after the command line, for the user's own processes only; a process
 * whose command line itself carries the entry as a word would match too.
 */
final class PsProcesses {
    private PsProcesses() {}

    /** Pids of processes whose environment holds {@code entry} ("NAME=value"). */
    static List<Long> withEnvEntry(String entry) {
        List<Long> pids = new ArrayList<>();
        String needle = " " + entry + " ";
        for (String line : Platform.run("ps", "axeww", "-o", "pid=,command=")) {
            String s = line.strip();
            int space = s.indexOf(' ');
            if (space > 0 && (s.substring(space) + " ").contains(needle)) {
                try {
                    pids.add(Long.parseLong(s.substring(0, space)));
                } catch (NumberFormatException e) {
                    // not a process line
                }
            }
        }
        return pids;
    }

    /** Whether ps lists the process and not as a zombie ("Z" state). */
    static boolean runningNotZombie(long pid) {
        List<String> lines = Platform.run("ps", "-o", "stat=", "-p", Long.toString(pid));
        String state = lines.isEmpty() ? "" : lines.get(0).strip();
        return !state.isEmpty() && !state.startsWith("Z");
    }
}
