package dev.launch.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way to replace a file: the new content goes into a temp file created exclusively beside
 * it (with the old file's permissions), which is then renamed over it, so a reader sees the old
 * content or the new and never a part. {@link Durability} says whether it must also survive a
 * power cut.
 */
public final class AtomicWrite {
    /** FSYNC: file and directory are synced (a user's file); RENAME: the rename alone (state that dies with its owners). */
    public enum Durability { FSYNC, RENAME }

    private AtomicWrite() {}

    /** Replaces (or creates) {@code target} with {@code bytes}, keeping its permissions; its directory must exist. */
    public static void write(Path target, byte[] bytes, Durability durability) throws IOException {
        write(target, bytes, durability, null);
    }

    /**
     * As above, but the new file gets {@code mode} (say 0600) whatever the old one had, and the
     * temp file is never opened through a symlink.
     */
    public static void write(Path target, byte[] bytes, Durability durability, FileAttribute<?>[] mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".launch-" + ProcessHandle.current().pid()
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp");
        try {
            try (FileChannel channel = mode == null
                    ? FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                    : FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), mode)) {
                PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
                if (mode == null && view != null && Files.exists(target)) {
                    Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (durability == Durability.FSYNC) {
                    channel.force(true);
                }
            }
            move(tmp, target);
            tmp = null;
            if (durability == Durability.FSYNC) {
                syncDirectory(dir);
            }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Renames {@code from} over {@code to}: atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes a rename or delete in {@code dir} durable; not every file system lets a directory be opened, so best effort. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // the data is written; only its durability across a power cut is less certain
        }
    }
}
