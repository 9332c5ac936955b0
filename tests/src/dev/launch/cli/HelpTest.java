package dev.launch.cli;

import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"ports", "check", "find", "status", "ps", "env", "stop", "prune", "ranges", "validate", "ui"})
    void everySubcommandTakesHelpAfterItsName(String command) {
        Launcher.Result r = Launcher.inProcess(command, "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Usage: launch " + (command.equals("ps") ? "status" : command) + " "), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void theTopCommandListsEverySubcommand(String flag) {
        Launcher.Result r = Launcher.inProcess(flag);
        assertEquals(0, r.exit(), r.err());
        for (String command : new String[] {"ports", "check", "find", "status", "env", "stop", "prune", "ranges", "validate", "ui"}) {
            assertTrue(r.out().contains("\n  " + command), command + " missing in:\n" + r.out());
        }
    }
}
