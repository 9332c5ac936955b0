package dev.launch.cli;

import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void versionGoesToStdoutAndExitsZero() {
        Launcher.Result r = Launcher.inProcess("--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("launch "), r.out());
    }
}
