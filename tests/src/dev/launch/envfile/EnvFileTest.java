package dev.launch.envfile;

import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
    private static final String USER_FILE = """
            # Vite settings for development
            VITE_TITLE=My app   # shown in the tab

            export VITE_ALICE_BACKEND_URL=http://localhost:3000 # managed
            VITE_FEATURE_X='on'
            \tINDENTED = kept
            not a key line
            VITE_BOB_BACKEND_URL="http://localhost:3001"
            """;

    @TempDir
    Path dir;

    @Test
    void keepsCommentsBlankLinesAndOrderByteForByte() throws IOException {
        Path file = write(".env.development", USER_FILE);
        EnvFile.apply(file, Map.of("VITE_ALICE_BACKEND_URL", "http://localhost:5001"), "i1");
        assertEquals(USER_FILE.replace("http://localhost:3000", "http://localhost:5001"), Files.readString(file));
    }

    @Test
    void updatesExistingKeysInPlaceKeepingExportQuotesStyleAndInlineComments() throws IOException {
        Path file = write(".env", USER_FILE);
        EnvFile.apply(file, ordered("VITE_BOB_BACKEND_URL", "http://localhost:5002", "VITE_TITLE", "Two words"), "i1");
        String text = Files.readString(file);
        assertTrue(text.contains("\nVITE_BOB_BACKEND_URL=http://localhost:5002\n"), text);
        assertTrue(text.startsWith("# Vite settings for development\nVITE_TITLE='Two words'   # shown in the tab\n"), text);
        assertEquals(USER_FILE.lines().count(), text.lines().count());
    }

    @Test
    void appendsMissingKeysAtTheEndAfterAddingTheMissingNewline() throws IOException {
        Path file = write(".env", "A=1\r\nB=2");
        EnvFile.apply(file, ordered("C", "3", "D", "4"), "i1");
        assertEquals("A=1\r\nB=2\r\nC=3\r\nD=4\r\n", Files.readString(file));
    }

    @Test
    void createsAMissingFileAndItsParentDirectories() throws IOException {
        Path file = dir.resolve("app/config/.env.development");
        EnvFile.Backup backup = EnvFile.apply(file, ordered("VITE_A", "http://localhost:5001", "VITE_B", "x y"), "i1");
        assertEquals("VITE_A=http://localhost:5001\nVITE_B='x y'\n", Files.readString(file));
        assertFalse(backup.existed());
        assertNull(backup.originalContent());
        assertEquals(file.toAbsolutePath(), backup.file());
    }

    @Test
    void restoreGivesBackTheExactEarlierBytes() throws IOException {
        String original = "\uFEFF# caf\u00e9 \u2603\r\nA=1\r\n\r\nexport   B = 'two' # c\r\nC=3";
        Path file = write(".env", original);
        byte[] before = Files.readAllBytes(file);
        EnvFile.Backup backup = EnvFile.apply(file, ordered("B", "changed", "D", "new value"), "i1");
        EnvFile.restore(backup);
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void restoreDeletesAFileThatDidNotExist() {
        Path file = dir.resolve("app/.env.development");
        EnvFile.Backup backup = EnvFile.apply(file, Map.of("A", "1"), "i1");
        assertTrue(Files.exists(file));
        EnvFile.restore(backup);
        assertFalse(Files.exists(file));
    }

    @Test
    void restoreAfterAUserEditKeepsTheUserEditAndPutsBackOnlyTheManagedKeys() throws IOException {
        Path file = write(".env", "# mine\nA=1\nB=2\n");
        EnvFile.Backup backup = EnvFile.apply(file, ordered("A", "5001", "NEW", "5002"), "i1");
        // While the stack runs, the user edits another key, adds a line and even edits one of ours.
        Files.writeString(file, Files.readString(file).replace("B=2", "B=22").replace("A=5001", "A=9999") + "USER=added\n");
        EnvFile.restore(backup);
        assertEquals("# mine\nA=1\nB=22\nUSER=added\n", Files.readString(file));
    }

    @Test
    void restoreOfACreatedFileTheUserEditedKeepsTheFileWithOnlyTheUserLines() throws IOException {
        Path file = dir.resolve(".env.local");
        EnvFile.Backup backup = EnvFile.apply(file, Map.of("A", "1"), "i1");
        Files.writeString(file, "# added by me\n" + Files.readString(file) + "MINE=yes\n");
        EnvFile.restore(backup);
        assertEquals("# added by me\nMINE=yes\n", Files.readString(file));
    }

    @Test
    void restoreRecreatesAFileTheUserDeletedMeanwhile() throws IOException {
        Path file = write(".env", "A=1\n");
        EnvFile.Backup backup = EnvFile.apply(file, Map.of("A", "2"), "i1");
        Files.delete(file);
        EnvFile.restore(backup);
        assertEquals("A=1\n", Files.readString(file));
    }

    @Test
    void quotedValuesRoundTripThroughRead() {
        Map<String, String> values = ordered(
                "EMPTY", "", "SPACES", " two  words ", "HASH", "a#b", "SINGLE", "it's", "DOUBLE", "say \"hi\"",
                "BOTH", "it's \"x\"", "NEWLINE", "line1\nline2", "NEWLINE_QUOTES", "a'b\"c\nd", "TAB", "a\tb",
                "BACKSLASH", "C:\\dir\\file", "UNICODE", "caf\u00e9 \u2603", "URL", "http://localhost:5001/?a=b&c=d",
                "TRAILING_BACKSLASH", "path\\", "EQUALS", "a=b=c");
        Path file = dir.resolve(".env");
        EnvFile.apply(file, values, "i1");
        assertEquals(values, EnvFile.read(file));
        // Applying the same values again finds them in place and changes nothing.
        String once = readString(file);
        EnvFile.apply(file, values, "i1");
        assertEquals(once, readString(file));
    }

    @Test
    void readUnderstandsExportQuotesCommentsAndMultilineValues() throws IOException {
        Path file = write(".env", """
                # comment=not a value
                export A=1
                B = spaced value   # trailing comment
                C='single # not a comment'
                D="double\\nnewline"
                E=`back
                tick`
                F=
                garbage line
                A=2
                """);
        Map<String, String> expected = ordered("A", "2", "B", "spaced value", "C", "single # not a comment",
                "D", "double\nnewline", "E", "back\ntick", "F", "");
        assertEquals(expected, EnvFile.read(file));
    }

    @Test
    void atomicWriteLeavesNoTempFilesBehind() throws IOException {
        Path file = write(".env", "A=1\n");
        EnvFile.Backup backup = EnvFile.apply(file, Map.of("A", "2", "B", "3"), "i1");
        EnvFile.restore(backup);
        EnvFile.apply(dir.resolve("sub/.env"), Map.of("A", "2"), "i1");
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
            assertEquals(List.of(".env", "sub/.env"), names);
        }
    }

    /**
     * A reader (Vite, say) must see the old content or the new, never a truncated file: so the new
     * content goes into a new file that replaces the old one by rename. An open reader keeps the old
     * file whole, and the path names a new inode each time; a write in place would fail both.
     */
    @Test
    void writesAndRestoresReplaceTheFileInsteadOfRewritingItInPlace() throws IOException {
        Path file = write(".env", "# mine\nA=1\n");
        Object before = Files.getAttribute(file, "unix:ino");
        try (var openReader = Files.newByteChannel(file)) {
            EnvFile.Backup backup = EnvFile.apply(file, Map.of("A", "2"), "i1");
            Object applied = Files.getAttribute(file, "unix:ino");
            assertTrue(!applied.equals(before), "apply replaced the file (inode " + before + " -> " + applied + ")");
            java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate(64);
            openReader.read(old);
            assertEquals("# mine\nA=1\n", new String(old.array(), 0, old.position(), StandardCharsets.UTF_8),
                    "a reader that opened the file before the write still reads the whole old content");

            EnvFile.restore(backup);
            assertTrue(!Files.getAttribute(file, "unix:ino").equals(applied), "restore replaced the file too");
            assertEquals("# mine\nA=1\n", Files.readString(file));
        }
    }

    @Test
    void keepsTheFilePermissions() throws IOException {
        Path file = write(".env", "A=1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        EnvFile.Backup backup = EnvFile.apply(file, Map.of("A", "2"), "i1");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        EnvFile.restore(backup);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void writesThroughASymlinkKeepingTheLink() throws IOException {
        Path real = write("real.env", "A=1\n");
        Path link = Files.createSymbolicLink(dir.resolve(".env"), real.getFileName());
        EnvFile.Backup backup = EnvFile.apply(link, Map.of("A", "2"), "i1");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("A=2\n", Files.readString(real));
        EnvFile.restore(backup);
        assertEquals("A=1\n", Files.readString(real));
    }

    @Test
    void anUnwritablePlaceIsAClearFailureNamingTheFile() throws IOException {
        write("app", "a regular file where a directory should be");
        Path file = dir.resolve("app/.env.development");
        LaunchException e = assertThrows(LaunchException.class, () -> EnvFile.apply(file, Map.of("A", "1"), "i1"));
        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot write " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void aValueNoQuotingCanHoldIsRefusedAndTheFileIsLeftAlone() throws IOException {
        Path file = write(".env", "A=1\n");
        LaunchException e = assertThrows(LaunchException.class,
                () -> EnvFile.apply(file, Map.of("A", "'\"`\\"), "i1"));
        assertTrue(e.getMessage().contains("the value of A"), e.getMessage());
        assertEquals("A=1\n", Files.readString(file));
    }

    @Test
    void aFileAnotherLiveInstanceManagesIsRefused() throws IOException {
        Path file = dir.resolve("app/.env.development");
        EnvFile.Backup theirs = EnvFile.apply(file, Map.of("A", "1"), "dev-1");
        Path sameFileOtherSpelling = dir.resolve("app/../app/./.env.development");
        LaunchException e = assertThrows(LaunchException.class,
                () -> EnvFile.checkNotManaged(sameFileOtherSpelling, List.of(theirs)));
        assertTrue(e.getMessage().contains("managed by running instance dev-1"), e.getMessage());
        EnvFile.checkNotManaged(dir.resolve("app/.env.test"), List.of(theirs));
    }

    @Test
    void aBackupSurvivesAJsonRoundTrip() throws IOException {
        Path file = write(".env", "# c\nA=1\n");
        EnvFile.Backup backup = EnvFile.apply(file, ordered("A", "2", "B", "x y"), "dev-1");
        ObjectMapper json = new ObjectMapper();
        EnvFile.Backup back = json.readValue(json.writeValueAsString(backup), EnvFile.Backup.class);
        assertEquals(backup, back);
        EnvFile.restore(back);
        assertEquals("# c\nA=1\n", Files.readString(file));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
