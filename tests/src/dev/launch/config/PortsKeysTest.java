package dev.launch.config;

import dev.launch.testing.ConfigFiles;

import static dev.launch.testing.ConfigFiles.problemsOf;
import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ports: keys beyond names and ranges: urls (templates per port), sticky and strict (booleans). */
class PortsKeysTest {
    @TempDir
    Path dir;

    private Profile load(String ports) {
        write(dir, "profiles/p.yaml", "ports:\n  names: [api, socket]\n  ranges: [SMALL]\n" + ports
                + "processes:\n  api: { command: [./run] }\n");
        return ProfileLoader.load(dir.resolve("profiles"), "p", ConfigFiles.ports(dir), var -> null);
    }

    private List<String> errors(String ports) {
        write(dir, "profiles/p.yaml", "ports:\n  names: [api, socket]\n  ranges: [SMALL]\n" + ports
                + "processes:\n  api: { command: [./run] }\n");
        PortsConfig config = ConfigFiles.ports(dir);
        return problemsOf(() -> ProfileLoader.load(dir.resolve("profiles"), "p", config, var -> null));
    }

    @Test
    void urlsStickyAndStrictAreRead() {
        Profile p = load("  urls: { socket: \"ws://localhost:${ports.socket}\" }\n  sticky: true\n  strict: true\n");
        assertEquals(Map.of("socket", "ws://localhost:${ports.socket}"), p.ports().urls());
        assertTrue(p.ports().sticky());
        assertTrue(p.ports().strict());
    }

    @Test
    void theyDefaultToNoUrlsNotStickyNotStrict() {
        Profile p = load("");
        assertEquals(Map.of(), p.ports().urls());
        assertFalse(p.ports().sticky());
        assertFalse(p.ports().strict());
    }

    @Test
    void aUrlForAnUnknownPortOrWithAnUnknownTemplateIsAnErrorAtItsPlace() {
        List<String> problems = errors("  urls: { sockte: \"ws://localhost:${ports.socket}\", api: \"http://x:${ports.apii}/\" }\n");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("p.yaml:4:11: ports.urls: \"sockte\" is not one of ports.names (api, socket)"), problems.toString());
        assertTrue(problems.get(0).contains("did you mean \"socket\""), problems.toString());
        assertTrue(problems.get(1).contains("ports.urls.api"), problems.toString());
    }

    @Test
    void aUrlIsAWebAddressOfBoundedLength() {
        List<String> problems = errors("  urls: { api: \"javascript:alert(1)\", socket: \"ws://localhost:${ports.socket}/"
                + "a".repeat(3000) + "\" }\n");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("ports.urls.api: must start with http://, https://, ws:// or wss://"), problems.toString());
        assertTrue(problems.get(1).contains("ports.urls.socket: must start with"), problems.toString());
        assertEquals(Map.of("api", "HTTPS://localhost:${ports.api}/"), load("  urls: { api: \"HTTPS://localhost:${ports.api}/\" }\n").ports().urls());
    }

    @Test
    void stickyAndStrictMustBeBooleans() {
        List<String> problems = errors("  sticky: yes please\n  strict: 1\n");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("ports.sticky"), problems.toString());
        assertTrue(problems.get(1).contains("ports.strict"), problems.toString());
    }
}
