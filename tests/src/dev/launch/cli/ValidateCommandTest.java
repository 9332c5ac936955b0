package dev.launch.cli;

import dev.launch.testing.ConfigFiles;
import dev.launch.testing.Launcher;

import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    private Launcher.Result validate(String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "validate";
        args[1] = "--config";
        args[2] = dir.resolve("ports.yaml").toString();
        args[3] = "--profiles=" + dir.resolve("profiles");
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Launcher.inProcess(args);
    }

    private static void assertNoStackTrace(Launcher.Result r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void cleanConfigExitsZeroWithASummaryOnStdout() {
        write(dir, "ports.yaml", ConfigFiles.PORTS);
        write(dir, "profiles/a.yaml", "ports: { names: [x], ranges: [DEVELOPMENT] }\n");
        write(dir, "profiles/b.yaml", "ports: { names: [x, y], ranges: [SMALL] }\n");
        Launcher.Result r = validate();
        assertEquals(0, r.exit(), r.err());
        assertEquals(dir.resolve("ports.yaml") + " and 2 profiles: 0 errors, 0 warnings\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void warningsArePrintedButExitZero() {
        write(dir, "ports.yaml", "ranges:\n  X11: { base: 6000, count: 2 }\n");
        write(dir, "profiles/a.yaml", "ports: { names: [x], ranges: [X11] }\n");
        Launcher.Result r = validate();
        assertEquals(0, r.exit(), r.err());
        assertEquals(dir.resolve("ports.yaml") + " and 1 profile: 0 errors, 1 warning\n", r.out());
        assertEquals(dir.resolve("ports.yaml") + ":2:3: warning: ranges.X11: port 6000 is refused by web browsers "
                + "(ERR_UNSAFE_PORT), so a page cannot reach it\n", r.err());
    }

    @Test
    void quietHidesWarningsButNotTheSummary() {
        write(dir, "ports.yaml", "ranges:\n  X11: { base: 6000, count: 2 }\n");
        write(dir, "profiles/a.yaml", "ports: { names: [x], ranges: [X11] }\n");
        Launcher.Result r = validate("--quiet");
        assertEquals(0, r.exit());
        assertEquals("", r.err());
        assertEquals(dir.resolve("ports.yaml") + " and 1 profile: 0 errors, 1 warning\n", r.out());
    }

    @Test
    void everyErrorOfEveryFileIsPrintedAndExitIsTwo() {
        write(dir, "ports.yaml", """
                ranges:
                  DEV: { base: 5001, count: 4 }
                  BAD: { base: 70000, count: 4 }
                """);
        write(dir, "profiles/a.yaml", "ports: { names: [x], ranges: [DEVV] }\n");
        write(dir, "profiles/b.yaml", "ports: { names: [x], ranges: [BAD] }\nprocesses:\n  p: { command: [x], restart: nope }\n");
        write(dir, "profiles/c.yaml", "ports: [oops\n");
        Launcher.Result r = validate();
        assertEquals(2, r.exit(), r.err());
        assertEquals(dir.resolve("ports.yaml") + " and 3 profiles: 4 errors, 0 warnings\n", r.out());
        String[] lines = r.err().split("\n");
        assertEquals(4, lines.length, r.err());
        assertEquals(dir.resolve("ports.yaml") + ":3:16: ranges.BAD.base: must be between 1 and 65535 (got 70000)", lines[0]);
        assertEquals(dir.resolve("profiles/a.yaml") + ":1:31: ports.ranges[0]: unknown range \"DEVV\"; did you mean \"DEV\"? ("
                + dir.resolve("ports.yaml") + " defines: DEV, BAD)", lines[1]);
        assertEquals(dir.resolve("profiles/b.yaml") + ":3:31: processes.p.restart: expected no, on-failure or always (got \"nope\")", lines[2]);
        assertEquals(true, lines[3].startsWith(dir.resolve("profiles/c.yaml") + ":2:1: YAML syntax error: "), lines[3]);
        assertNoStackTrace(r);
    }

    @Test
    void missingConfigAndProfilesAreErrorsNotStackTraces() {
        Launcher.Result r = validate();
        assertEquals(2, r.exit());
        assertEquals(dir.resolve("ports.yaml") + " and 0 profiles: 2 errors, 0 warnings\n", r.out());
        assertEquals(dir.resolve("ports.yaml") + ": not found; create it with your port ranges, e.g. "
                + "\"ranges: { DEVELOPMENT: { base: 5001, count: 4 } }\", or point --config at one\n"
                + dir.resolve("profiles") + ": profiles directory not found; create it with one NAME.yaml per profile, "
                + "or point --profiles at one\n", r.err());
        assertNoStackTrace(r);
    }

    @Test
    void binaryGarbageIsAnErrorNotAStackTrace() throws Exception {
        java.nio.file.Files.write(dir.resolve("ports.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        java.nio.file.Files.createDirectories(dir.resolve("profiles"));
        Launcher.Result r = validate();
        assertEquals(2, r.exit());
        assertEquals(dir.resolve("ports.yaml") + ": is not UTF-8 text\n", r.err());
        assertNoStackTrace(r);
    }

    @Test
    void globalOptionsWorkBeforeTheSubcommandToo() {
        write(dir, "ports.yaml", ConfigFiles.PORTS);
        write(dir, "profiles/a.yaml", "ports: { names: [x], ranges: [DEVELOPMENT] }\n");
        Launcher.Result r = Launcher.inProcess("--config", dir.resolve("ports.yaml").toString(),
                "--profiles", dir.resolve("profiles").toString(), "validate");
        assertEquals(0, r.exit(), r.err());
        assertEquals(dir.resolve("ports.yaml") + " and 1 profile: 0 errors, 0 warnings\n", r.out());
    }
}
