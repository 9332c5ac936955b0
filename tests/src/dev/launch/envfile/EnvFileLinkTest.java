package dev.launch.envfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An env file path that is the user's symlink stays their symlink, dangling or not. */
class EnvFileLinkTest {
    @Test
    void aDanglingLinkIsWrittenThroughAndLeftDanglingAgainOnRestore(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("real/.env.local");
        Path link = Files.createSymbolicLink(dir.resolve(".env"), Path.of("real/.env.local"));
        EnvFile.Backup backup = EnvFile.apply(link, Map.of("WEB_URL", "http://localhost:22001"), "app-1");
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced by a file");
        assertEquals("WEB_URL=http://localhost:22001\n", Files.readString(target));
        EnvFile.restore(backup);
        assertTrue(Files.isSymbolicLink(link), "the user's link is still there");
        assertFalse(Files.exists(target), "what the run created through it is gone again");
    }

    @Test
    void aLinkToAnExistingFileKeepsTheLinkAndGetsTheContentBack(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("shared.env"), "KEEP=1\n");
        Path link = Files.createSymbolicLink(dir.resolve(".env"), target);
        EnvFile.Backup backup = EnvFile.apply(link, Map.of("A", "1"), "app-1");
        assertTrue(Files.isSymbolicLink(link));
        EnvFile.restore(backup);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("KEEP=1\n", Files.readString(target));
    }
}
