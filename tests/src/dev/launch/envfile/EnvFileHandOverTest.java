package dev.launch.envfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EnvFile#handOver}: the next owner's values in one write, the first owner's original kept for the last restore. */
class EnvFileHandOverTest {
    @TempDir
    Path dir;

    @Test
    void theNextOwnersValuesReplaceTheFirstsAndTheLastRestoreGivesBackTheOriginalBytes() throws Exception {
        Path file = dir.resolve(".env.development");
        byte[] original = "\uFEFF# mine\r\nURL=http://example:1\r\nKEEP=1".getBytes(StandardCharsets.UTF_8);
        Files.write(file, original);
        EnvFile.Backup first = EnvFile.apply(file, Map.of("URL", "http://localhost:25001", "WHO", "dev-1"), "dev-1");
        EnvFile.Backup second = EnvFile.handOver(first, Map.of("URL", "http://localhost:25011", "WHO", "dev-2"), "dev-2");

        assertEquals("dev-2", second.ownerId());
        assertEquals("\uFEFF# mine\r\nURL=http://localhost:25011\r\nKEEP=1\r\nWHO=dev-2\r\n", Files.readString(file));
        EnvFile.Backup third = EnvFile.handOver(second, Map.of("URL", "http://localhost:25021", "WHO", "dev-3"), "dev-3");
        assertEquals("http://localhost:25021", EnvFile.read(file).get("URL"));
        EnvFile.restore(third);
        assertArrayEquals(original, Files.readAllBytes(file));
    }

    @Test
    void aFileThatDidNotExistIsStillRemovedByTheLastOwner() throws Exception {
        Path file = dir.resolve("app/.env.development");
        EnvFile.Backup first = EnvFile.apply(file, Map.of("URL", "a"), "dev-1");
        EnvFile.Backup second = EnvFile.handOver(first, Map.of("URL", "b"), "dev-2");
        assertEquals("URL=b\n", Files.readString(file));
        EnvFile.restore(second);
        assertFalse(Files.exists(file));
    }

    @Test
    void aUserEditMadeDuringTheFirstOwnersRunSurvivesTheHandOverAndTheRestore() throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, "URL=orig\n");
        EnvFile.Backup first = EnvFile.apply(file, Map.of("URL", "a"), "dev-1");
        Files.writeString(file, Files.readString(file) + "ADDED=by hand\n");
        EnvFile.Backup second = EnvFile.handOver(first, Map.of("URL", "b"), "dev-2");
        assertEquals("URL=b\nADDED=by hand\n", Files.readString(file));
        EnvFile.restore(second);
        assertEquals("URL=orig\nADDED=by hand\n", Files.readString(file));
    }
}
