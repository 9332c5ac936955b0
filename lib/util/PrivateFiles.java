package dev.launch.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files of the state dir: created 0600 and exclusively, never followed through a symlink, read
 * only when they are regular files of a bounded size (a FIFO would block the reader, /dev/zero
 * would never end).
 */
public final class PrivateFiles {
    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    public static FileAttribute<?>[] fileMode() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    public static FileAttribute<?>[] dirMode() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    /** Creates the directory 0700 if it is missing (its parents as the umask says). */
    public static void createDirectory(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(parent);
        }
        directory(dir);
    }

    /** Creates the directory 0700 if it is missing (its parent must exist). */
    public static void directory(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.createDirectory(dir, dirMode());
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(dir + " exists and is not a directory");
            }
        }
    }

    /** Appends to {@code file}, creating it 0600; never through a symlink. */
    public static OutputStream append(Path file) throws IOException {
        return Channels.newOutputStream(FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), fileMode()));
    }

    /** Opens {@code file} for writing, creating it 0600 (an existing file is kept); never through a symlink. */
    public static FileChannel openForLock(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                fileMode());
    }

    /**
     * Replaces {@code target} with {@code bytes} (see {@link AtomicWrite}): the temp file beside it
     * is created 0600 and exclusively, never written through a symlink planted at its name.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        AtomicWrite.write(target, bytes, AtomicWrite.Durability.RENAME, fileMode());
    }

    /**
     * The content of {@code file}, which must be a regular file (not a symlink, FIFO, device or
     * directory) of at most {@code maxBytes}; otherwise an IOException that says which.
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile()) {
            throw new IOException(attrs.isSymbolicLink() ? "is a symbolic link" : attrs.isDirectory() ? "is a directory"
                    : "is not a regular file");
        }
        if (attrs.size() > maxBytes) {
            throw new IOException("is larger than " + maxBytes / 1024 + " KiB");
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException("is larger than " + maxBytes / 1024 + " KiB");
            }
            return bytes;
        }
    }
}
