package dev.launch.run;

import dev.launch.envfile.EnvFile;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.LaunchException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What happens to the env files of an instance that stops (or whose launcher died): a file that
 * another live instance of the same checkout also uses passes to the oldest of them, which gets
 * its values written and becomes the file's owner (the earlier content travels with it); any
 * other file gets its earlier content back. Runs under the registry lock, so two owners stopping
 * at the same moment pass the file along one after the other and the original is never lost.
 */
public final class EnvFileHandOver {
    private EnvFileHandOver() {}

    /** Releases every env file {@code leaving} owns; returns those that could not be restored, with why. */
    public static List<EnvFileRestore.Unrestored> release(Registry.Session session, Instance leaving, Consumer<String> say) {
        List<EnvFileRestore.Unrestored> problems = new ArrayList<>();
        for (EnvFile.Backup backup : leaving.envFiles()) {
            Optional<Heir> heir = heir(session, leaving, backup.file());
            try {
                if (heir.isPresent()) {
                    Instance to = heir.get().instance();
                    EnvFile.Backup passed = EnvFile.handOver(backup, heir.get().target().values(), to.id());
                    List<EnvFile.Backup> owned = new ArrayList<>(to.envFiles());
                    owned.add(passed);
                    session.put(to.withEnvFiles(owned));
                    say.accept(shown(leaving, backup.file()) + " passes to " + to.id()
                            + " (the oldest other instance of this checkout using it), which wrote its values there");
                    continue;
                }
            } catch (LaunchException e) {
                say.accept(e.getMessage() + "; restoring it instead");
            }
            problems.addAll(EnvFileRestore.restore(List.of(backup)));
        }
        return problems;
    }

    private record Heir(Instance instance, Instance.EnvTarget target) {}

    /** The oldest other live run of the same checkout that would write {@code file}. */
    private static Optional<Heir> heir(Registry.Session session, Instance leaving, Path file) {
        for (Instance other : session.live()) {
            if (other.id().equals(leaving.id()) || other.kind() != Instance.Kind.RUN || other.cwd() == null
                    || !other.cwd().equals(leaving.cwd())
                    || other.envFiles().stream().anyMatch(b -> EnvFile.sameFile(b.file(), file))) {
                continue;
            }
            for (Instance.EnvTarget target : other.envTargets()) {
                if (EnvFile.sameFile(target.file(), file)) {
                    return Optional.of(new Heir(other, target));
                }
            }
        }
        return Optional.empty();
    }

    static String shown(Instance instance, Path file) {
        if (instance.cwd() != null) {
            Path root = Path.of(instance.cwd());
            if (file.startsWith(root)) {
                return root.relativize(file).toString();
            }
        }
        return file.toString();
    }
}
