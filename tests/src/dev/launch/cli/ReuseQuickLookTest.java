package dev.launch.cli;

import dev.launch.testing.JbangCache;
import dev.launch.testing.JbangProject;
import dev.launch.testing.JbangProject.Run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reuse step's quick look (one `find -cnewer` against a stamp written before the checksums)
 * never vouches for a changed file: an edit that keeps the file's size and time is run, and so is
 * an edit of a source that is a symlink (whose own change time stays). A file only touched costs the
 * checksums once; then the quick look holds again. A jbang and a cksum on PATH note each call:
 * JBang called means a miss, cksum called means the run took the checksums.
 */
class ReuseQuickLookTest {
    @TempDir
    static Path work;

    static Path jbangCache;
    static Path jbangLog;
    static Path cksumLog;
    static Map<String, String> env;

    @BeforeAll
    static void noteCalls(@TempDir Path bootstrap) throws Exception {
        jbangCache = JbangCache.bootstrappedOr(bootstrap.resolve("jbang"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        jbangLog = work.resolve("jbang.log");
        cksumLog = work.resolve("cksum.log");
        String cksum = new ProcessBuilder("sh", "-c", "command -v cksum").start().inputReader().readLine();
        script(bin.resolve("cksum"), "#!/bin/sh\necho \"$*\" >> '" + cksumLog + "'\nexec '" + cksum + "' \"$@\"\n");
        JbangProject.installedJbang(bin.resolve("jbang"), jbangLog, jbangCache);
        env = Map.of("PATH", bin + File.pathSeparator + JbangProject.pathWithoutJbang());
        if (!Files.isRegularFile(jbangCache.resolve(".complete"))) {
            // fill the cache the noting jbang runs from, through ./jbang's own bootstrap
            JbangProject first = JbangProject.copy(work, "bootstrap", jbangCache);
            assertEquals(0, first.jbang(Map.of("PATH", JbangProject.pathWithoutJbang()), "launch.java", "--version").exit());
        }
    }

    @Test
    void anEditThatKeepsTheFileSizeAndTimeIsRun() throws Exception {
        JbangProject project = warm("same-size");
        Path file = project.dir().resolve("lib/cli/Version.java");
        String text = Files.readString(file);
        String edited = Version.VERSION.replaceAll("[0-9A-Za-z]", Version.VERSION.startsWith("9") ? "8" : "9");
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, text.replace("\"" + Version.VERSION + "\"", "\"" + edited + "\""));
        Files.setLastModifiedTime(file, time);
        assertEquals(text.length(), Files.size(file));

        assertVersion(project.jbang(env, "launch.java", "--version"), edited);
        assertTrue(Files.exists(jbangLog), "the edit went through JBang");
    }

    @Test
    void aTouchedFileCostsTheChecksumsOnceThenTheQuickLookHoldsAgain() throws Exception {
        JbangProject project = warm("touched");
        Path file = project.dir().resolve("lib/util/Json.java");
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> other = EnumSet.copyOf(mode);
        other.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(file, other);
        Files.setPosixFilePermissions(file, mode);

        assertVersion(project.jbang(env, "launch.java", "--version"), Version.VERSION);
        assertFalse(Files.exists(jbangLog), "a touched file is not a change");
        assertTrue(Files.exists(cksumLog), "the quick look saw the touch and the checksums were taken");
        Files.delete(cksumLog);
        assertVersion(project.jbang(env, "launch.java", "--version"), Version.VERSION);
        assertFalse(Files.exists(cksumLog), "the next run took the checksums again");
    }

    @Test
    void anEditBehindASymlinkedSourceIsRun() throws Exception {
        JbangProject project = JbangProject.copy(work, "symlinked", jbangCache);
        Path link = project.dir().resolve("lib/cli/Version.java");
        Path target = Files.move(link, Files.createDirectories(work.resolve("elsewhere")).resolve("Version.java"));
        Files.createSymbolicLink(link, target);
        warm(project, false);  // with a symlink among them, every run takes the checksums

        String text = Files.readString(target);
        Files.writeString(target, text.replace("\"" + Version.VERSION + "\"", "\"" + Version.VERSION + "-linked\""));
        assertVersion(project.jbang(env, "launch.java", "--version"), Version.VERSION + "-linked");
        assertTrue(Files.exists(jbangLog), "the edit went through JBang");
    }

    /** A copy whose next run is a quick-look hit: no JBang, no checksums. */
    private static JbangProject warm(String name) throws Exception {
        return warm(JbangProject.copy(work, name, jbangCache), true);
    }

    private static JbangProject warm(JbangProject project, boolean quick) throws Exception {
        assertVersion(project.jbang(env, "launch.java", "--version"), Version.VERSION);
        Files.deleteIfExists(jbangLog);
        Files.deleteIfExists(cksumLog);
        assertVersion(project.jbang(env, "launch.java", "--version"), Version.VERSION);
        assertFalse(Files.exists(jbangLog), "a run with nothing changed started JBang");
        assertEquals(!quick, Files.exists(cksumLog), "a run with nothing changed took the checksums: " + !quick);
        return project;
    }

    private static void assertVersion(Run r, String version) {
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("launch " + version + " "), r.out() + r.err());
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        assertTrue(file.toFile().setExecutable(true));
    }
}
