package dev.launch.ui;

import dev.launch.config.PortsConfigLoader;
import dev.launch.registry.RangeStates;
import dev.launch.registry.Registry;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real `dev` stacks (the shipped profile and demo services) launched as separate processes into
 * checkouts under one folder, sharing one state dir and one ports.yaml whose three ranges are free
 * blocks of the test window. The demo services compile into a cache of their own under that folder
 * (never the user's ~/.cache). Closing closes the page and its server, then sends each launcher
 * SIGTERM, which tears its stack down.
 */
final class DevStacks implements AutoCloseable {
    final Path dir;
    final Path state;
    final String portsYaml;
    private final List<Process> launchers = new ArrayList<>();
    /** The page server and browser page of {@link #open}, closed with the stacks. */
    UiServer server;
    Page page;

    DevStacks(Path dir) {
        this.dir = dir;
        this.state = dir.resolve("state");
        StringBuilder yaml = new StringBuilder("ranges:\n");
        List<Integer> bases = new ArrayList<>();
        for (String range : List.of("DEVELOPMENT", "SECONDARY_DEV", "TERTIARY_DEV")) {
            int base = TestPorts.freeBlock(4);
            while (overlaps(bases, base)) {
                base = TestPorts.freeBlock(4);
            }
            bases.add(base);
            yaml.append("  ").append(range).append(": { base: ").append(base).append(", count: 4 }\n");
        }
        this.portsYaml = yaml.toString();
    }

    private static boolean overlaps(List<Integer> bases, int base) {
        return bases.stream().anyMatch(b -> Math.abs(b - base) < 5);
    }

    /** A checkout of the project named {@code name}: the shipped dev profile and demo services. */
    Path checkout(String name) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        Path home = Path.of(System.getenv("LAUNCH_HOME"));
        Files.createDirectories(root.resolve("profiles/services"));
        Files.createDirectories(root.resolve("app"));
        Files.copy(home.resolve("profiles/dev.yaml"), root.resolve("profiles/dev.yaml"));
        try (Stream<Path> services = Files.list(home.resolve("profiles/services"))) {
            for (Path s : services.toList()) {
                Files.copy(s, root.resolve("profiles/services").resolve(s.getFileName()));
            }
        }
        Files.writeString(root.resolve("ports.yaml"), portsYaml);
        return root;
    }

    /** Starts `dev` in {@code checkout} and waits until it says it is up. */
    void launch(Path checkout) throws Exception {
        int n = launchers.size();
        Path out = checkout.resolve("launch-" + n + ".out");
        Path err = checkout.resolve("launch-" + n + ".err");
        Process p = Launcher.processBuilder(checkout, Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()), "dev", "--no-color", "--state-dir", state.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        launchers.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(out).contains(" is up in ") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.readString(out).contains(" is up in "), "dev did not come up in " + checkout + ":\n" + Files.readString(out)
                + Files.readString(err));
    }

    /** A UiServer on any free port over these stacks' registry, its ranges from {@code checkout}'s ports.yaml. */
    UiServer server(Path checkout) throws IOException {
        Registry registry = new Registry(state, new PrintWriter(new StringWriter(), true));
        return UiServer.start(registry, () -> RangeStates.rows(PortsConfigLoader.load(checkout.resolve("ports.yaml")),
                registry.locked(Registry.Session::holders)), 0, new PrintWriter(new StringWriter(), true));
    }

    /** Serves the page over these stacks (see {@link #server}) and opens a Chromium page with {@code profile}, not yet signed in. */
    Page open(Path checkout, Path profile) throws IOException {
        server = server(checkout);
        page = new Page(profile);
        return page;
    }

    @Override
    public void close() throws InterruptedException {
        if (page != null) {
            page.close();
        }
        if (server != null) {
            server.close();
        }
        launchers.forEach(Process::destroy);
        for (Process p : launchers) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
