package dev.launch.run;

import dev.launch.envfile.EnvFile;
import dev.launch.util.LaunchException;

import java.util.ArrayList;
import java.util.List;

/** Env files getting their earlier content back when the instance that wrote them goes. */
public final class EnvFileRestore {
    private EnvFileRestore() {}

    /** An env file that could not get its earlier content back: its backup is the only copy of that content. */
    public record Unrestored(EnvFile.Backup backup, String problem) {}

    /** Gives each env file its earlier content back; those that could not be restored, with why. */
    public static List<Unrestored> restore(List<EnvFile.Backup> backups) {
        List<Unrestored> left = new ArrayList<>();
        for (EnvFile.Backup backup : backups) {
            try {
                EnvFile.restore(backup);
            } catch (LaunchException e) {
                left.add(new Unrestored(backup, e.getMessage()));
            }
        }
        return left;
    }
}
