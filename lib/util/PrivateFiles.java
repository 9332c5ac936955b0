package dev.launch.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Directories 0700 and files 0600, created that way (no window with wider rights), never through a symlink. */
public final class PrivateFiles {
    private PrivateFiles() {}

    public static void directory(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(dir + " exists and is not a directory");
            }
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    public static OutputStream append(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        var noFollow = Set.<java.nio.file.OpenOption>of(LinkOption.NOFOLLOW_LINKS);
        java.util.Set<java.nio.file.OpenOption> all = new java.util.HashSet<>(options);
        all.addAll(noFollow);
        try {
            return Channels.newOutputStream(Files.newByteChannel(file, all,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
        } catch (UnsupportedOperationException e) {
            return Channels.newOutputStream(Files.newByteChannel(file, all));
        }
    }
}
