package dev.launch.run;

import dev.launch.envfile.EnvFile;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Says so in this stack's terminal when a shared env file is handed to it (its owner stopped):
 * the hand-over happens in the other launcher, under the registry lock, and shows up in this
 * instance's registry entry, which this watches once a second.
 */
public final class HandOverNotice {
    static final long INTERVAL_MILLIS = 1000;

    private final Thread thread;
    private volatile boolean stopped;

    private HandOverNotice(Registry registry, String id, List<EnvFile.Backup> owned, Path root, PrintWriter err) {
        thread = new Thread(() -> {
            // here, not on the caller's thread, which is about to start the stack's processes
            List<Path> known = new ArrayList<>();
            owned.forEach(b -> known.add(b.file()));
            while (!stopped) {
                try {
                    Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                Instance now = registry.peek(id).orElse(null);
                if (now == null || stopped) {
                    continue;
                }
                for (EnvFile.Backup b : now.envFiles()) {
                    if (known.stream().noneMatch(k -> EnvFile.sameFile(k, b.file()))) {
                        known.add(b.file());
                        Path shown = b.file().startsWith(root) ? root.relativize(b.file()) : b.file();
                        err.println("launch: " + shown + " was handed to " + id + " (its owner stopped); "
                                + id + " wrote its values there:");
                        b.written().forEach((k, v) -> err.println("    " + k + "=" + v));
                        err.flush();
                    }
                }
            }
        }, "launch-env-handover");
        thread.setDaemon(true);
    }

    /** Starts watching the entry of {@code id}, which owns {@code owned} now. */
    public static HandOverNotice watch(Registry registry, String id, List<EnvFile.Backup> owned, Path root, PrintWriter err) {
        HandOverNotice notice = new HandOverNotice(registry, id, owned, root, err);
        notice.thread.start();
        return notice;
    }

    public void stop() {
        stopped = true;
        thread.interrupt();
    }
}
