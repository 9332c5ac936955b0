package dev.launch.run;

import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.LaunchException;
import dev.launch.util.Threads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the registry entry's process list and the watchdog's pid list in step with the stack.
 * The watchdog hears of a pid at once; the registry is written on a thread of its own, the
 * latest state at each write, so a stack's processes start without waiting for the registry lock.
 * A write waits a moment for more changes: a stack coming up makes a few writes, not one per change.
 */
final class RunState implements ProcessListener {
    static final long GATHER_MILLIS = 30;

    private final Registry registry;
    private final String id;
    private final Watchdog watchdog;
    private final Map<String, Instance.ProcessInfo> processes = new LinkedHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Threads.daemons("registry-writer"));
    private boolean queued;

    RunState(Registry registry, String id, Watchdog watchdog, java.util.Collection<String> names) {
        this.registry = registry;
        this.id = id;
        this.watchdog = watchdog;
        // every process is listed from the start, so `restart`, `logs` and the page know one still waiting for its dependencies
        names.forEach(n -> processes.put(n, new Instance.ProcessInfo(n, 0, null, "starting", 0, null)));
    }

    @Override
    public synchronized void changed(Instance.ProcessInfo info) {
        processes.put(info.name(), info);
        if (info.state().equals("running") && info.pid() > 0) {
            watchdog.track(info.pid(), info.pidStart());
        }
        if (!queued) {
            queued = true;
            writer.execute(this::write);
        }
    }

    @Override
    public void settle() {
        try {
            writer.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the registry is advisory while running
        }
    }

    private void write() {
        try {
            Thread.sleep(GATHER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Instance.ProcessInfo> now;
        synchronized (this) {
            queued = false;
            now = List.copyOf(processes.values());
        }
        try {
            registry.locked(session -> {
                session.find(id).ifPresent(i -> session.put(i.withProcesses(now)));
                return null;
            });
        } catch (LaunchException e) {
            // the registry is advisory while running; teardown does not depend on it
        }
    }
}
