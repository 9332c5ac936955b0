package dev.launch.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Unguessable bytes for tokens and keys. Read from the kernel's /dev/urandom where there is one:
 * a SecureRandom would first load the JDK's security providers, about 10 ms of every start.
 */
public final class RandomBytes {
    private static final Path URANDOM = Path.of("/dev/urandom");

    private RandomBytes() {}

    public static byte[] of(int count) {
        byte[] bytes = new byte[count];
        try (InputStream in = Files.newInputStream(URANDOM)) {
            if (in.readNBytes(bytes, 0, count) == count) {
                return bytes;
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // no /dev/urandom here: the JDK's generator below
        }
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** {@code count} random bytes as lower-case hex. */
    public static String hex(int count) {
        return HexFormat.of().formatHex(of(count));
    }
}
