package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.envfile.EnvFile;
import dev.launch.ports.PortProbe;
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
        String title = instance.id() + " is up in " + Failures.show(took) + " " + readiness(profile) + ": profile " + profile.name() + ", "
                + allocation.range() + " ports " + allocation.block().span()
                + (allocation.sticky() ? " (sticky: this checkout's range last time)" : "");
        sb.append(' ').append(color ? Colors.bold(title) : title).append('\n');
        for (String skipped : allocation.skipped()) {
            sb.append("   skipped ").append(skipped).append('\n');
        }
        int urlWidth = instance.ports().keySet().stream().mapToInt(name -> instance.url(name).length()).max().orElse(0);
        for (Map.Entry<String, Integer> port : instance.ports().entrySet()) {
            String variable = Names.portVariable(port.getKey()) + "=" + port.getValue();
            sb.append("   ").append(pad(port.getKey(), width)).append("  ");
            if (instance.urls().containsKey(port.getKey()) || used(profile, port.getKey()) || PortProbe.isListening(port.getValue())) {
                sb.append(instance.url(port.getKey())).append("   ").append(variable);
            } else {
                sb.append(variable).append("   (reserved; no process of the stack uses it)");
            }
            sb.append('\n');
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
        sb.append("   ").append(pad("other shells", width)).append("  x=$(./jbang launch.java env ")
                .append(instance.id()).append(") && eval \"$x\"\n");
        sb.append("   ").append(pad("stop", width)).append("  Ctrl-C here, or ./jbang launch.java stop ")
                .append(instance.id()).append('\n');
        sb.append(rule);
        return sb.toString();
    }

    /**
     * "is up" means each process with a ready check passed it and the others have started;
     * the banner says which is which: "(all 3 ready)" or "(2 ready; web started, no ready check)".
     */
    static String readiness(Profile profile) {
        List<String> started = profile.processes().values().stream().filter(p -> p.ready() == null).map(Profile.ProcessSpec::name).toList();
        int ready = profile.processes().size() - started.size();
        if (started.isEmpty()) {
            return ready == 1 ? "(ready)" : "(all " + ready + " ready)";
        }
        String names = String.join(", ", started);
        String unchecked = names + " started, no ready check";
        return ready == 0 ? "(" + unchecked + ")" : "(" + ready + " ready; " + unchecked + ")";
    }

    /** A port some process is told about: by ${ports.NAME} in its command, cwd, env or ready check, or by NAME_PORT. */
    static boolean used(Profile profile, String port) {
        String template = "${ports." + port + "}";
        String variable = Names.portVariable(port);
        for (Profile.ProcessSpec p : profile.processes().values()) {
            List<String> texts = new java.util.ArrayList<>(p.command());
            texts.addAll(p.env().values());
            if (p.cwd() != null) {
                texts.add(p.cwd());
            }
            if (p.ready() != null) {
                texts.add(p.ready().toString());
            }
            if (texts.stream().anyMatch(t -> t.contains(template) || t.contains(variable))) {
                return true;
            }
        }
        return false;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
