package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.registry.Instance;
import dev.launch.util.Names;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tells the user when a frontend will not find this stack by itself: an env file another live
 * instance manages (left alone, never clobbered), or a stack on another range than the profile's
 * first with no env file configured (the original's "frontend needs reconfiguration" warning).
 */
public final class FrontendHint {
    private FrontendHint() {}

    /** An env file this run did not write because {@code owner} manages it. */
    public record NotWritten(Path file, String owner, Map<String, String> values) {}

    public static void warn(PrintWriter err, Instance instance, Profile profile, Path root, List<NotWritten> notWritten) {
        for (NotWritten n : notWritten) {
            Path shown = n.file().startsWith(root) ? root.relativize(n.file()) : n.file();
            err.println("launch: warning: " + shown + " belongs to running instance " + n.owner() + " and is left as it is;"
                    + " a frontend for " + instance.id() + " needs these values instead:");
            n.values().forEach((k, v) -> err.println("    " + k + "=" + v));
        }
        String first = profile.ports().ranges().isEmpty() ? null : profile.ports().ranges().get(0);
        if (profile.envFiles().isEmpty() && first != null && !first.equals(instance.range())) {
            err.println("launch: warning: " + instance.id() + " runs on " + instance.range() + ", not " + first
                    + "; a frontend configured for " + first + "'s ports needs these values:");
            instance.ports().forEach((name, port) -> err.println("    " + Names.portVariable(name) + "=" + port));
        }
        err.flush();
    }
}
