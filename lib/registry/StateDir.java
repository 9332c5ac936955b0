package dev.launch.registry;

import dev.launch.proc.Users;
import dev.launch.util.IoErrors;
import dev.launch.util.LaunchException;
import dev.launch.util.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The state dir is private, as ssh keeps ~/.ssh: created 0700; one owned by another user, or
 * writable by group or others, is refused (anyone who can write there could plant entries that
 * this user's commands act on). One of ours that others can merely read is closed to them.
 */
public final class StateDir {
    private StateDir() {}

    /**
     * Creates {@code dir} if needed and checks it; a LaunchException (exit 2) if it cannot be trusted.
     * A symlink is followed (a state dir kept elsewhere is common) and its target is what is checked:
     * a link planted to a directory of another user is refused by the same owner rule.
     */
    public static Path prepare(Path given) {
        Path dir = given;
        if (Files.isSymbolicLink(given)) {
            try {
                dir = given.toRealPath();
            } catch (IOException e) {
                throw LaunchException.usage("the state dir " + given + " is a symlink to nothing that can be used (" + reason(e) + ");"
                        + " point it at a directory, or choose another with --state-dir or LAUNCH_STATE_DIR");
            }
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw LaunchException.usage("the state dir " + given + " is not a directory"
                    + " (choose another with --state-dir or LAUNCH_STATE_DIR)");
        }
        try {
            PrivateFiles.createDirectory(dir);
        } catch (IOException e) {
            throw LaunchException.failure("cannot use the registry in " + dir + ": " + reason(e)
                    + " (choose another with --state-dir or LAUNCH_STATE_DIR)");
        }
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(dir, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return dir;
        } catch (IOException e) {
            throw LaunchException.failure("cannot use the registry in " + dir + ": " + reason(e));
        }
        if (!attrs.isDirectory()) {
            throw LaunchException.usage("the state dir " + dir + " is not a directory"
                    + " (choose another with --state-dir or LAUNCH_STATE_DIR)");
        }
        Long owner = uidOf(dir);
        Long me = Users.currentUid();
        if (owner != null && me != null && !owner.equals(me)) {
            throw LaunchException.usage("the state dir " + dir + " belongs to another user (" + attrs.owner().getName()
                    + "), so it is not used: its entries could make this user's commands end processes or write files."
                    + " Choose a directory of your own with --state-dir or LAUNCH_STATE_DIR");
        }
        Set<PosixFilePermission> mode = attrs.permissions();
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw LaunchException.usage("the state dir " + dir + " is writable by " + (mode.contains(PosixFilePermission.OTHERS_WRITE)
                    ? "other users" : "its group") + ", so it is not used (anyone who can write there could plant entries);"
                    + " make it private with: chmod 700 " + dir);
        }
        if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)
                || mode.contains(PosixFilePermission.GROUP_EXECUTE) || mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            try {
                Files.setPosixFilePermissions(dir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
            } catch (IOException e) {
                // ours but not changeable (a read-only mount): readable, yet nobody else can write
            }
        }
        return given;
    }

    private static Long uidOf(Path dir) {
        try {
            return ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String reason(IOException e) {
        return IoErrors.reason(e);
    }
}
