package dev.launch.testing;

import dev.launch.config.Profile;
import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.run.LogMux;
import dev.launch.run.RenderedProcess;
import dev.launch.run.Supervisor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a Supervisor running real child processes on a thread of its own, output captured.
 * Tests that start one use {@link Cleanup}, which stops it and ends anything with its token.
 */
public final class Stack implements AutoCloseable {
    public final String token = ProcessTree.newToken();
    public final ByteArrayOutputStream out = new ByteArrayOutputStream();
    public final StringWriter err = new StringWriter();
    public final List<Instance.ProcessInfo> events = new ArrayList<>();
    public final LogMux logs;
    public final Supervisor supervisor;
    public final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private Stack(Duration grace, List<RenderedProcess> processes) {
        logs = new LogMux(out, processes.stream().map(RenderedProcess::name).toList(), false);
        supervisor = new Supervisor(processes, token, grace, logs, new PrintWriter(err, true), false, info -> {
            synchronized (events) {
                events.add(info);
            }
        });
    }

    public static Stack start(Duration grace, RenderedProcess... processes) {
        Stack s = Cleanup.close(new Stack(grace, Arrays.asList(processes)));
        Cleanup.token(s.token);
        Thread t = new Thread(() -> {
            try {
                s.exit.complete(s.supervisor.run());
            } catch (Throwable e) {
                s.exit.completeExceptionally(e);
            }
        }, "supervisor-under-test");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** Stops the stack (a no-op when it has already ended): tests never leave processes behind. */
    @Override
    public void close() {
        supervisor.stop();
    }

    public static RenderedProcess sh(String name, String script) {
        return new RenderedProcess(name, List.of("sh", "-c", script), null, Map.of(), null, List.of(),
                Profile.RestartPolicy.NO, 0, Map.of());
    }

    public static RenderedProcess with(RenderedProcess p, Profile.ReadySpec ready) {
        return new RenderedProcess(p.name(), p.command(), p.cwd(), p.env(), ready, p.dependsOn(), p.restart(), p.maxRestarts(), p.ports());
    }

    public static RenderedProcess dependsOn(RenderedProcess p, String... deps) {
        return new RenderedProcess(p.name(), p.command(), p.cwd(), p.env(), p.ready(), List.of(deps), p.restart(), p.maxRestarts(), p.ports());
    }

    public static RenderedProcess restart(RenderedProcess p, Profile.RestartPolicy policy, int max) {
        return new RenderedProcess(p.name(), p.command(), p.cwd(), p.env(), p.ready(), p.dependsOn(), policy, max, p.ports());
    }

    public static RenderedProcess ports(RenderedProcess p, Map<String, Integer> ports) {
        return new RenderedProcess(p.name(), p.command(), p.cwd(), p.env(), p.ready(), p.dependsOn(), p.restart(), p.maxRestarts(), ports);
    }

    public int awaitExit(Duration timeout) throws Exception {
        return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void awaitReady(Duration timeout) throws Exception {
        supervisor.allReady().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String out() {
        logs.flush();
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    public String err() {
        return err.toString();
    }

    public List<Instance.ProcessInfo> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Index of the first event of {@code name} in {@code state}, or -1. */
    public int indexOf(String name, String state) {
        List<Instance.ProcessInfo> all = events();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(name) && all.get(i).state().equals(state)) {
                return i;
            }
        }
        return -1;
    }

    public long count(String name, String state) {
        return events().stream().filter(e -> e.name().equals(name) && e.state().equals(state)).count();
    }

    /** Waits until the condition holds (true) or the time is up (false). */
    public static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    /** A python3 one-liner that listens on {@code port} (after {@code delay} seconds) and stays. */
    public static String pythonListener(int port, double delay) {
        return "python3 -c \"import socket,time; time.sleep(" + delay + "); s=socket.socket(); "
                + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1'," + port + ")); "
                + "s.listen(); print('listening', flush=True); time.sleep(300)\"";
    }
}
