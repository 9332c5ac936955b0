package dev.launch.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Who holds a lock on a file, where the OS tells (Linux: /proc/locks); for messages only. */
public final class LockHolders {
    private static final Path LOCKS = Path.of("/proc/locks");

    private LockHolders() {}

    /** "pid 1234 (python3)" for each process holding a lock on {@code file}; empty when unknown. */
    public static List<String> of(Path file) {
        List<String> holders = new ArrayList<>();
        for (long pid : pids(file)) {
            String command = ProcessHandle.of(pid).flatMap(h -> h.info().command())
                    .map(c -> Path.of(c).getFileName().toString()).orElse(null);
            holders.add("pid " + pid + (command == null ? "" : " (" + command + ")"));
        }
        return holders;
    }

    /** The pids holding (or waiting for) a lock on {@code file}, as /proc/locks lists them; empty when unknown. */
    public static Set<Long> pids(Path file) {
        Set<Long> pids = new LinkedHashSet<>();
        long inode;
        try {
            inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return pids;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(LOCKS);
        } catch (IOException e) {
            return pids;
        }
        // "1: POSIX  ADVISORY  READ 12345 08:01:1234567 0 EOF": the 6th field is MAJ:MIN:INODE.
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            int at = f.length > 1 && f[1].equals("->") ? 1 : 0;
            if (f.length < at + 6 || at == 1) { // "->" lines are waiters, not holders
                continue;
            }
            String[] dev = f[at + 5].split(":");
            try {
                if (dev.length == 3 && Long.parseLong(dev[2]) == inode) {
                    pids.add(Long.parseLong(f[at + 4]));
                }
            } catch (NumberFormatException e) {
                // a line of another shape
            }
        }
        return pids;
    }
}
