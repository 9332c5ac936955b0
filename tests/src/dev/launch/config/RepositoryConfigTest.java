package dev.launch.config;

import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.launch.config.Profile.ProcessSpec;
import dev.launch.config.Profile.ReadySpec;
import dev.launch.config.Profile.RestartPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ports.yaml and profiles shipped in the repository load cleanly and say what docs/contract.md says. */
class RepositoryConfigTest {
    private static final Path HOME = Path.of(System.getenv("LAUNCH_HOME"));

    private static PortsConfig config() {
        return PortsConfigLoader.load(HOME.resolve("ports.yaml"));
    }

    @Test
    void everyShippedProfileLoads() {
        List<String> names = ProfileLoader.names(HOME.resolve("profiles"));
        assertTrue(names.containsAll(List.of("dev", "my-orchestrator")), names.toString());
        for (String name : names) {
            ProfileLoader.load(HOME.resolve("profiles"), name, config());
        }
    }

    @Test
    void devProfileIsTheSimulationOrchestratorOfTheSpec() {
        Profile dev = ProfileLoader.load(HOME.resolve("profiles"), "dev", config());
        assertEquals(List.of("alice", "bob", "networkSimulator", "networkHttp"), dev.ports().names());
        assertEquals(List.of("DEVELOPMENT", "SECONDARY_DEV", "TERTIARY_DEV"), dev.ports().ranges());
        assertEquals(false, dev.ports().scan());
        assertEquals(List.of("network", "alice", "bob"), List.copyOf(dev.processes().keySet()));

        ProcessSpec network = dev.processes().get("network");
        assertEquals(List.of("sh", "profiles/services/run", "NetworkSim"), network.command());
        assertEquals(Map.of("WS_PORT", "${ports.networkSimulator}", "HTTP_PORT", "${ports.networkHttp}"), network.env());
        assertEquals("${ports.networkHttp}", ((ReadySpec.Tcp) network.ready()).port());

        ProcessSpec alice = dev.processes().get("alice");
        assertEquals(List.of("sh", "profiles/services/run", "Backend"), alice.command());
        assertEquals("${ports.alice}", alice.env().get("PORT"));
        assertEquals("alice", alice.env().get("DEVICE_ID"));
        assertEquals(List.of("network"), alice.dependsOn());
        // started, not ready: all three start at once (the backends never call the simulator)
        assertEquals(Map.of("network", Profile.Condition.STARTED), alice.conditions());
        assertEquals(Map.of("network", Profile.Condition.STARTED), dev.processes().get("bob").conditions());
        assertEquals(RestartPolicy.ON_FAILURE, alice.restart());
        assertEquals("http://127.0.0.1:${ports.alice}/", ((ReadySpec.Http) alice.ready()).url());
        assertEquals("bob", dev.processes().get("bob").env().get("DEVICE_ID"));

        assertEquals(1, dev.envFiles().size());
        assertEquals("app/.env.development", dev.envFiles().get(0).path());
        assertEquals(List.of("VITE_ALICE_BACKEND_URL", "VITE_BOB_BACKEND_URL", "VITE_NETWORK_SIMULATOR_URL", "VITE_NETWORK_HTTP_URL"),
                List.copyOf(dev.envFiles().get(0).values().keySet()));
        assertEquals("ws://localhost:${ports.networkSimulator}", dev.envFiles().get(0).values().get("VITE_NETWORK_SIMULATOR_URL"));
        assertEquals(Map.of("networkSimulator", "ws://localhost:${ports.networkSimulator}"), dev.ports().urls());
    }

    @Test
    void devWebIsTheDevStackPlusItsFrontendOnAFifthPortOfBlocksOfFive() {
        Profile web = ProfileLoader.load(HOME.resolve("profiles"), "dev-web", config());
        assertEquals(List.of("alice", "bob", "networkSimulator", "networkHttp", "web"), web.ports().names());
        assertEquals(List.of("WEB_DEVELOPMENT", "WEB_SECONDARY", "WEB_TERTIARY"), web.ports().ranges());
        for (String range : web.ports().ranges()) {
            assertEquals(5, config().range(range).orElseThrow().count(), range);
        }
        assertEquals(List.of("network", "alice", "bob", "web"), List.copyOf(web.processes().keySet()));
        ProcessSpec frontend = web.processes().get("web");
        assertEquals("app", frontend.cwd());
        assertTrue(frontend.command().containsAll(List.of("--port", "${ports.web}", "--strictPort")), frontend.command().toString());
        assertEquals("http://localhost:${ports.alice}", frontend.env().get("VITE_ALICE_BACKEND_URL"));
        assertEquals("http://localhost:${ports.bob}", frontend.env().get("VITE_BOB_BACKEND_URL"));
        assertEquals("ws://localhost:${ports.networkSimulator}", frontend.env().get("VITE_NETWORK_SIMULATOR_URL"));
        assertEquals("http://localhost:${ports.networkHttp}", frontend.env().get("VITE_NETWORK_HTTP_URL"));
        assertEquals("http://127.0.0.1:${ports.web}/", ((ReadySpec.Http) frontend.ready()).url());
        assertEquals(List.of(), web.envFiles());
    }

    @Test
    void myOrchestratorUsesItsOwnRangeAndScans() {
        Profile p = ProfileLoader.load(HOME.resolve("profiles"), "my-orchestrator", config());
        assertEquals(List.of("MY_ORCHESTRATOR"), p.ports().ranges());
        assertEquals(true, p.ports().scan());
        assertEquals(4, p.ports().names().size());
        for (ProcessSpec process : p.processes().values()) {
            assertEquals(List.of("sh", "profiles/services/run", "Backend"), process.command());
            assertTrue(process.env().containsKey("ROLE"), process.toString());
        }
        assertEquals(List.of(), p.envFiles());
    }

    @Test
    void validatePassesOnTheRepository() {
        Launcher.Result r = Launcher.inProcess("validate", "--config", HOME.resolve("ports.yaml").toString(),
                "--profiles", HOME.resolve("profiles").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*ports\\.yaml and \\d+ profiles: 0 errors, \\d+ warnings?\\n"), r.out());
    }
}
