package dev.launch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading what a process under test wrote, for assertion messages and polls. */
public final class TestFiles {
    private TestFiles() {}

    /** The file's text, or "" when it is missing or cannot be read (yet). */
    public static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
