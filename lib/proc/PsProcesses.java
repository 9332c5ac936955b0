package dev.launch.proc;

import dev.launch.util.Platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** Which of {@code pids} ps lists and not as zombies ("Z" state): one ps for all of them. */
    static Set<Long> runningNotZombie(Collection<Long> pids) {
        Set<Long> running = new HashSet<>();
        if (pids.isEmpty()) {
            return running;
        }
        String list = pids.stream().map(String::valueOf).collect(Collectors.joining(","));
        for (String line : Platform.run("ps", "-o", "pid=,stat=", "-p", list)) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && !words[1].startsWith("Z")) {
                try {
                    running.add(Long.parseLong(words[0]));
                } catch (NumberFormatException e) {
                    // not a process line
                }
            }
        }
        running.retainAll(pids);
        return running;
    }
}
