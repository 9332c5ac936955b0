package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.envfile.EnvFile;
import dev.launch.registry.Allocator;
import dev.launch.registry.Instance;
import dev.launch.util.Colors;
import dev.launch.util.Names;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a running stack prints once it is ready: where everything is and how to reach it. */
public final class Banner {
    private Banner() {}

    public static String render(Instance instance, Allocator.Allocation allocation, Profile profile, List<EnvFile.Backup> envFiles,
                         List<FrontendHint.NotWritten> notWritten, Path root, Duration took, boolean color) {
        int width = Math.max(12, instance.ports().keySet().stream().mapToInt(String::length).max().orElse(0));
        String rule = "-".repeat(64);
        StringBuilder sb = new StringBuilder();
        sb.append(rule).append('\n');
        String title = instance.id() + " is up in " + Failures.show(took) + ": profile " + profile.name() + ", "
                + allocation.range() + " ports " + allocation.block().span();
        sb.append(' ').append(color ? Colors.bold(title) : title).append('\n');
        for (String skipped : allocation.skipped()) {
            sb.append("   skipped ").append(skipped).append('\n');
        }
        for (Map.Entry<String, Integer> port : instance.ports().entrySet()) {
            sb.append("   ").append(pad(port.getKey(), width)).append("  http://localhost:").append(port.getValue())
                    .append("   ").append(Names.portVariable(port.getKey())).append('=').append(port.getValue()).append('\n');
        }
        for (EnvFile.Backup b : envFiles) {
            Path shown = b.file().startsWith(root) ? root.relativize(b.file()) : b.file();
            sb.append("   ").append(pad("env file", width)).append("  ").append(shown).append(" (")
                    .append(b.written().size()).append(b.written().size() == 1 ? " key" : " keys")
                    .append(", restored on exit)\n");
        }
        for (FrontendHint.NotWritten n : notWritten) {
            Path shown = n.file().startsWith(root) ? root.relativize(n.file()) : n.file();
            sb.append("   ").append(pad("env file", width)).append("  ").append(shown).append(" NOT written: ")
                    .append(n.owner()).append(" manages it (this stack's values are printed above)\n");
        }
        sb.append("   ").append(pad("other shells", width)).append("  eval \"$(./jbang launch.java env ")
                .append(instance.id()).append(")\"\n");
        sb.append("   ").append(pad("stop", width)).append("  Ctrl-C here, or ./jbang launch.java stop ")
                .append(instance.id()).append('\n');
        sb.append(rule);
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
