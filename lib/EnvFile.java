package dev.launch;

import java.nio.file.Path;
import java.util.Map;

/** Placeholder until the services branch lands (replaced wholesale on merge). */
public final class EnvFile {
    private EnvFile() {}

    public record Backup(Path file, boolean existed, String originalContent, Map<String, String> written, String ownerId) {}
}
