package dev.launch.ui;

import dev.launch.config.PortsConfigLoader;
import dev.launch.envfile.EnvFile;
import dev.launch.proc.Processes;
import dev.launch.ports.PortRange;
import dev.launch.registry.Instance;
import dev.launch.registry.RangeStates;
import dev.launch.registry.Registry;
import dev.launch.testing.TestPorts;
import dev.launch.testing.TestProject;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Live instances without the run path: each registry entry's "launcher" is a real child process
 * (`sleep`, which ends on SIGTERM just as a launcher tears down), with real listeners on its
 * ports. Stopping an instance therefore really ends its owner, and the registry drops the entry.
 */
final class UiFixture implements AutoCloseable {
    static final List<String> PORT_NAMES = List.of("alice", "bob", "networkSimulator", "networkHttp");

    final TestProject project;
    final Registry registry;
    final StringWriter warnings = new StringWriter();
    final List<Integer> bases;
    private final List<Process> started = new ArrayList<>();
    private final Map<Integer, ServerSocket> listeners = new LinkedHashMap<>();
    final Map<String, Process> owners = new LinkedHashMap<>();

    UiFixture(Path dir) throws IOException {
        project = new TestProject(dir);
        bases = project.withChain(3, PORT_NAMES.size(), false);
        registry = new Registry(project.state, new PrintWriter(warnings, true));
    }

    /** A UiServer of this registry on {@code port} (0: any free one). */
    UiServer server(int port) throws IOException {
        return UiServer.start(registry, () -> RangeStates.rows(PortsConfigLoader.load(project.config),
                registry.locked(Registry.Session::holders)), port, new PrintWriter(new StringWriter(), true));
    }

    UiServer server() throws IOException {
        return server(0);
    }

    /** A RUN entry for {@code id} on the block of range number {@code rangeIndex}, every port listening. */
    Instance start(String id, int rangeIndex, Map<String, String> processStates) throws IOException {
        Process owner = sleep();
        owners.put(id, owner);
        int base = bases.get(rangeIndex);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int n = 0; n < PORT_NAMES.size(); n++) {
            ports.put(PORT_NAMES.get(n), base + n);
            listeners.put(base + n, TestPorts.listen("127.0.0.1", base + n));
        }
        List<Instance.ProcessInfo> processes = new ArrayList<>();
        for (Map.Entry<String, String> p : processStates.entrySet()) {
            Process child = sleep();
            int restarts = p.getValue().equals("restarting") ? 2 : 0;
            Integer exit = p.getValue().equals("exited") ? 1 : null;
            processes.add(new Instance.ProcessInfo(p.getKey(), child.pid(), Processes.startOf(child.toHandle()), p.getValue(), restarts, exit));
        }
        List<EnvFile.Backup> envFiles = List.of(new EnvFile.Backup(project.root.resolve("app/.env.development"), false, null,
                Map.of("VITE_ALICE_BACKEND_URL", "http://localhost:" + base), id));
        Instance instance = new Instance(Instance.FORMAT, id, "dev", Instance.Kind.RUN, new PortRange("R" + (char) ('A' + rangeIndex), base,
                PORT_NAMES.size()), ports, owner.pid(), Processes.startOf(owner.toHandle()),
                System.currentTimeMillis() - 75_000, 0, "token-" + id, project.root.toString(), null, processes, envFiles);
        registry.locked(s -> {
            s.put(instance);
            return null;
        });
        return instance;
    }

    static Map<String, String> readyStack() {
        Map<String, String> states = new LinkedHashMap<>();
        states.put("network", "ready");
        states.put("alice", "ready");
        states.put("bob", "ready");
        return states;
    }

    /** Ends the listener on {@code port}, as when the process that served it exits. */
    void closePort(int port) throws IOException {
        listeners.remove(port).close();
    }

    private Process sleep() throws IOException {
        Process p = new ProcessBuilder("sleep", "300").start();
        started.add(p);
        return p;
    }

    @Override
    public void close() throws IOException {
        for (Process p : started) {
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ServerSocket s : listeners.values()) {
            s.close();
        }
    }
}
