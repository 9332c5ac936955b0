package dev.launch.envfile;

import dev.launch.util.LaunchException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A dotenv file (such as {@code app/.env.development}) whose keys one running instance manages.
 * {@link #apply} changes only the managed keys, in place or appended, and keeps every other byte;
 * it returns a {@link Backup} that {@link #restore} turns back into the earlier content: exactly,
 * when nobody touched the file meanwhile, else by putting back only the managed keys and keeping
 * the user's edits. Writes are atomic (temp file beside it, fsync, rename); permissions are kept.
 *
 * <p>The file itself carries no marker: ownership lives in the registry, which persists each
 * instance's backups. Before applying, the caller holds the registry lock and passes the backups
 * of the other <em>live</em> instances to {@link #checkNotManaged}, which refuses a file one of
 * them manages (same absolute path, symlinks resolved). Backups of dead instances are restored
 * first (as {@code prune} does), so a crashed launcher's values never become the "original".
 *
 * <p>Syntax: {@link DotEnv}.
 */
public final class EnvFile {

    /**
     * What {@link #restore} needs, in plain fields so the registry can store it as JSON.
     * {@code file} is absolute; {@code originalContent} is null when the file did not exist.
     */
    public record Backup(Path file, boolean existed, String originalContent, Map<String, String> written, String ownerId) {
        public Backup {
            Objects.requireNonNull(file, "file");
            file = file.toAbsolutePath().normalize();
            if (existed != (originalContent != null)) {
                throw new IllegalArgumentException("originalContent must be given exactly when the file existed");
            }
            written = Collections.unmodifiableMap(new LinkedHashMap<>(written));
        }
    }


    private EnvFile() {}

    /** Writes {@code values} into {@code file} (creating it and its directories if absent). */
    public static Backup apply(Path file, Map<String, String> values, String ownerId) {
        for (String key : values.keySet()) {
            if (!DotEnv.KEY.matcher(key).matches()) {
                throw LaunchException.usage("cannot write " + file + ": '" + key + "' is not a valid env file key (letters, digits, _ . -)");
            }
        }
        String original = Files.exists(file) ? readText(file, "write") : null;
        String updated = render(original == null ? "" : original, values, file);
        if (!updated.equals(original)) {
            write(file, updated);
        }
        return new Backup(file, original != null, original, values, ownerId);
    }

    /** Gives the file its earlier content back; see the class comment. */
    public static void restore(Backup backup) {
        Path file = backup.file();
        String current = Files.exists(file) ? readText(file, "restore") : null;
        String restored = restored(backup, current);
        if (restored == null) {
            delete(file);
        } else if (!restored.equals(current)) {
            write(file, restored);
        }
    }

    /**
     * Passes the file to {@code newOwner} in one atomic write: the content a restore would give
     * back, with {@code values} written into it. The new backup keeps that earlier content, so the
     * last owner's restore still brings back what was there before the first one.
     */
    public static Backup handOver(Backup from, Map<String, String> values, String newOwner) {
        Path file = from.file();
        String current = Files.exists(file) ? readText(file, "hand over") : null;
        String original = restored(from, current);
        String updated = render(original == null ? "" : original, values, file);
        if (!updated.equals(current)) {
            write(file, updated);
        }
        return new Backup(file, original != null, original, values, newOwner);
    }

    /** The earlier content of a file now holding {@code current} (null: absent); see the class comment. */
    private static String restored(Backup backup, String current) {
        Path file = backup.file();
        String expected = render(backup.existed() ? backup.originalContent() : "", backup.written(), file);
        if (current == null || current.equals(expected)) {
            return backup.originalContent();
        }
        String restored = unapply(current, backup);
        return !backup.existed() && restored.isBlank() ? null : restored;
    }

    /** The assignments of a dotenv file, in file order; a later duplicate wins. Empty if absent. */
    public static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (DotEnv.Entry e : DotEnv.parse(readText(file, "read"))) {
                values.put(e.key(), e.value());
            }
        }
        return values;
    }

    /** Refuses {@code file} when one of the other live instances' backups manages it. */
    public static void checkNotManaged(Path file, Collection<Backup> othersLive) {
        managedBy(file, othersLive).ifPresent(owner -> {
            throw LaunchException.failure(file + " is managed by running instance " + owner
                    + "; stop it first (launch stop " + owner + ") or give this profile another env file");
        });
    }

    /** The instance among {@code othersLive} that manages {@code file}, if one does. */
    public static java.util.Optional<String> managedBy(Path file, Collection<Backup> othersLive) {
        Path wanted = identity(file);
        return othersLive.stream().filter(other -> identity(other.file()).equals(wanted)).map(Backup::ownerId).findFirst();
    }

    /** {@code values} as dotenv lines, quoted as {@link #apply} writes them. */
    public static String lines(Map<String, String> values, Path file) {
        return render("", values, file);
    }

    /** Whether two paths name the same file (symlinks resolved as far as the file system has them). */
    public static boolean sameFile(Path a, Path b) {
        return identity(a).equals(identity(b));
    }

    /** The absolute path with symlinks resolved as far as the file system has them. */
    static Path identity(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) {
                return abs.toRealPath();
            }
            Path parent = abs.getParent();
            return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
        } catch (IOException e) {
            return abs;
        }
    }

    static String render(String content, Map<String, String> values, Path file) {
        StringBuilder out = new StringBuilder(content.length() + 64);
        Map<String, String> missing = new LinkedHashMap<>(values);
        int cursor = 0;
        for (DotEnv.Entry e : DotEnv.parse(content)) {
            if (values.containsKey(e.key())) {
                out.append(content, cursor, e.valueStart()).append(DotEnv.encode(e.key(), values.get(e.key()), file));
                cursor = e.valueEnd();
                missing.remove(e.key());
            }
        }
        out.append(content, cursor, content.length());
        if (!missing.isEmpty()) {
            String newline = content.contains("\r\n") ? "\r\n" : "\n";
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append(newline);
            }
            missing.forEach((k, v) -> out.append(k).append('=').append(DotEnv.encode(k, v, file)).append(newline));
        }
        return out.toString();
    }

    /** Puts the managed keys of {@code current} back to their original text, or removes them. */
    static String unapply(String current, Backup backup) {
        String original = backup.existed() ? backup.originalContent() : "";
        List<DotEnv.Entry> originalEntries = DotEnv.parse(original);
        Map<String, Integer> seen = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder(current.length());
        int cursor = 0;
        for (DotEnv.Entry e : DotEnv.parse(current)) {
            if (!backup.written().containsKey(e.key())) {
                continue;
            }
            int nth = seen.merge(e.key(), 1, Integer::sum) - 1;
            List<DotEnv.Entry> before = originalEntries.stream().filter(o -> o.key().equals(e.key())).toList();
            out.append(current, cursor, e.lineStart());
            if (nth < before.size()) {
                DotEnv.Entry o = before.get(nth);
                out.append(original, o.lineStart(), o.lineEnd());
                cursor = e.lineEnd();
            } else {
                cursor = e.nextLine();
            }
        }
        return out.append(current, cursor, current.length()).toString();
    }


    private static String readText(Path file, String verb) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw LaunchException.failure("cannot " + verb + " " + file + ": it is not UTF-8 text, so it is left alone");
        } catch (IOException e) {
            throw LaunchException.failure("cannot " + verb + " " + file + ": " + reason(e));
        }
    }

    /** Atomically replaces {@code file} (the target of a symlink) with {@code content}. */
    private static void write(Path file, String content) {
        Path target = file;
        Path tmp = null;
        try {
            target = linkTarget(file);
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = dir.resolve("." + target.getFileName() + ".launch-" + ProcessHandle.current().pid()
                    + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
                if (view != null && Files.exists(target)) {
                    Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
                }
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw LaunchException.failure("cannot write " + file + ": " + reason(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the write already failed and says so
                }
            }
        }
    }

    private static void delete(Path file) {
        try {
            Path target = linkTarget(file);
            Files.deleteIfExists(target);
            syncDirectory(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw LaunchException.failure("cannot remove " + file + ": " + reason(e));
        }
    }

    /**
     * Where the content of {@code file} lives: the file itself, or, for a symlink (dangling or not),
     * the file it points to. The user's link is never replaced, and never removed.
     */
    private static Path linkTarget(Path file) throws IOException {
        Path target = file;
        for (int hops = 0; Files.isSymbolicLink(target) && hops < 40; hops++) {
            Path parent = target.toAbsolutePath().getParent();
            target = parent.resolve(Files.readSymbolicLink(target)).normalize();
        }
        return target;
    }

    /** Makes the rename durable; not every file system lets a directory be opened, so best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // the data is written; only its durability across a power cut is less certain
        }
    }

    static String reason(IOException e) {
        return dev.launch.util.IoErrors.reason(e);
    }
}
