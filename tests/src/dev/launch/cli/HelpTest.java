package dev.launch.cli;

import dev.launch.testing.Launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"ports", "check", "find", "status", "ps", "env", "stop", "prune", "ranges", "validate", "ui"})
    void everySubcommandTakesHelpAfterItsName(String command) {
        Launcher.Result r = Launcher.inProcess(command, "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Usage: ./jbang launch.java " + (command.equals("ps") ? "status" : command) + " "), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ports", "check", "status", "env", "stop", "validate", "completion"})
    void helpCommandPrintsWhatDashDashHelpPrints(String command) {
        Launcher.Result help = Launcher.inProcess("help", command);
        assertEquals(0, help.exit(), help.err());
        assertEquals(Launcher.inProcess(command, "--help").out(), help.out());
    }

    @Test
    void helpAloneIsTheTopHelpNotAProfileNamedHelp() {
        Launcher.Result r = Launcher.inProcess("help");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Launcher.inProcess("--help").out(), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ports", "check", "find", "stop", "validate"})
    void ownOptionsComeFirstAndTheGlobalOnesAfterUnderTheirOwnHeading(String command) {
        String out = Launcher.inProcess(command, "--help").out();
        int global = out.indexOf("\nGlobal options:\n");
        assertTrue(global > 0, out);
        for (String option : new String[] {"--config=FILE", "--state-dir=DIR", "--quiet", "--help", "--version"}) {
            assertTrue(out.indexOf("  " + option) > global || out.indexOf(", " + option) > global, option + " in:\n" + out);
        }
        String own = out.substring(0, global);
        String firstOwn = switch (command) {
            case "ports" -> "--format=FORMAT";
            case "check" -> "--json";
            case "find" -> "--count=N";
            case "stop" -> "--timeout=DURATION";
            default -> "Exit codes:";
        };
        assertTrue(command.equals("validate") ? out.indexOf(firstOwn) > global : own.contains(firstOwn), out);
        assertFalse(own.substring(own.indexOf("Usage:")).lines().skip(4).anyMatch(l -> l.contains("--config")), out);
    }

    @Test
    void commandsThatScriptsRelyOnNameTheirExitCodesAndShowAnExample() {
        for (String command : new String[] {"ports", "check", "find", "validate", "env", "stop"}) {
            String out = Launcher.inProcess(command, "--help").out();
            assertTrue(out.contains("\nExit codes:\n"), out);
            assertTrue(out.contains("\nExample"), out);
            assertTrue(out.contains("  ./jbang launch.java " + command) || out.contains("$(./jbang launch.java " + command), out);
        }
        String top = Launcher.inProcess("--help").out();
        for (String code : new String[] {"  0 ", "  1 ", "  2 ", "  3 ", "  130 ", "  143 "}) {
            assertTrue(top.contains(code), code + " in:\n" + top);
        }
        assertTrue(Launcher.inProcess("check", "--help").out().contains("  1   a port is busy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void theTopCommandListsEverySubcommand(String flag) {
        Launcher.Result r = Launcher.inProcess(flag);
        assertEquals(0, r.exit(), r.err());
        for (String command : new String[] {"ports", "check", "find", "status", "env", "stop", "prune", "ranges", "validate", "ui", "completion", "help"}) {
            assertTrue(r.out().contains("\n  " + command), command + " missing in:\n" + r.out());
        }
    }
}
