package dev.launch.registry;

import dev.launch.proc.Users;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state dir holds run tokens and env file backups: only its owner may read it or write it. */
class PrivateStateDirTest {
    @TempDir
    Path dir;

    TestProject project;

    @BeforeEach
    void setUp() throws Exception {
        project = new TestProject(dir);
        project.withChain(1, 2, false);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theStateDirIsCreatedPrivateAndSoIsEveryFileInIt() throws Exception {
        Launcher.Result r = project.subprocess("ports", "app", "--lease", "30s");
        assertEquals(0, r.exit(), r.err());
        assertEquals("rwx------", mode(project.state));
        assertEquals("rwx------", mode(project.state.resolve("instances")));
        assertEquals("rw-------", mode(project.state.resolve("lock")));
        try (Stream<Path> files = Files.list(project.state.resolve("instances"))) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", mode(f), f.toString());
            }
        }
    }

    @Test
    void anotherUserCannotReadTheEntries() throws Exception {
        assumeTrue(Long.valueOf(0).equals(Users.currentUid()) && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root and setpriv");
        assertEquals(0, project.subprocess("ports", "app", "--lease", "30s").exit());
        Path entry = project.state.resolve("instances/app-1.json");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process cat = new ProcessBuilder("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", "cat", entry.toString())
                .redirectErrorStream(true).start();
        String out = new String(cat.getInputStream().readAllBytes());
        assertTrue(cat.waitFor(10, TimeUnit.SECONDS));
        assertNotEquals(0, cat.exitValue(), out);
        assertFalse(out.contains("runToken"), out);
    }

    @Test
    void aStateDirWritableByOthersIsRefused() throws Exception {
        Files.createDirectories(project.state);
        Files.setPosixFilePermissions(project.state, PosixFilePermissions.fromString("rwxrwxrwx"));
        Launcher.Result r = project.subprocess("status");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("writable by other users") && r.err().contains("chmod 700"), r.err());
        assertFalse(Files.exists(project.state.resolve("instances")), "nothing is created in it");
    }

    @Test
    void aStateDirOfAnotherUserIsRefused() throws Exception {
        assumeTrue(Long.valueOf(0).equals(Users.currentUid()), "needs root to give a directory to another user");
        Files.createDirectories(project.state);
        Files.setAttribute(project.state, "unix:uid", 65534);
        Launcher.Result r = project.subprocess("ports", "app");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("belongs to another user"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aStateDirOfOursThatOthersCouldReadIsClosed() throws Exception {
        Files.createDirectories(project.state);
        Files.setPosixFilePermissions(project.state, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(0, project.inProcess("status").exit());
        assertEquals("rwx------", mode(project.state));
    }

    @Test
    void aSymlinkedStateDirIsUsedAndItsTargetIsWhatIsChecked() throws Exception {
        Path real = Files.createDirectories(dir.resolve("elsewhere/state"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(dir.resolve("state-link"), real);
        Launcher.Result lease = Launcher.run(dir, java.util.Map.of(), "ports", "app", "--lease", "30s", "--config", project.config.toString(),
                "--profiles", project.profiles.toString(), "--state-dir", link.toString());
        assertEquals(0, lease.exit(), lease.err());
        assertTrue(Files.isRegularFile(real.resolve("instances/app-1.json")), "the entry is in the link's target");
        assertTrue(Files.isSymbolicLink(link), "the user's link is kept");

        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxrwxrwx"));
        Launcher.Result open = Launcher.run(dir, java.util.Map.of(), "status", "--config", project.config.toString(), "--state-dir", link.toString());
        assertEquals(2, open.exit(), open.err());
        assertTrue(open.err().contains("writable by other users"), open.err());

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path toFile = Files.createSymbolicLink(dir.resolve("link-to-file"), file);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        for (Path bad : List.of(file, toFile, dangling)) {
            Launcher.Result r = Launcher.run(dir, java.util.Map.of(), "status", "--config", project.config.toString(), "--state-dir", bad.toString());
            assertEquals(2, r.exit(), bad + ": " + r.err());
            assertTrue(r.err().contains("the state dir " + bad + " is"), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void anEmptyStateDirIsAUsageError() {
        Launcher.Result r = Launcher.run(dir, java.util.Map.of(), "status", "--state-dir", "");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--state-dir"), r.err());
        assertFalse(Files.exists(dir.resolve("instances")), "the working directory is not used as the state dir");
        Launcher.Result slow = Launcher.run(dir, java.util.Map.of(), "ranges", "--state-dir", "");
        assertEquals(2, slow.exit(), slow.err());
    }
}
