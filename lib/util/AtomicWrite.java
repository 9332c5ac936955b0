package dev.launch.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
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

    /** Replaces (or creates) {@code target} with {@code bytes}; its directory must exist. */
    public static void write(Path target, byte[] bytes, Durability durability) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".launch-" + ProcessHandle.current().pid()
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
                if (view != null && Files.exists(target)) {
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
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
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

    /** Makes a rename or delete in {@code dir} durable; not every file system lets a directory be opened, so best effort. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // the data is written; only its durability across a power cut is less certain
        }
    }
}
