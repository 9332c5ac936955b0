package dev.launch.cli;

import dev.launch.ports.PortProbe;
import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.InstanceView;
import dev.launch.registry.PortFormat;
import dev.launch.util.Durations;
import dev.launch.util.ExitCode;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", aliases = "ps", header = "Live instances: id, profile, pid, uptime, range, and each port with whether it listens.")
public final class StatusCommand extends BaseCommand {
    /** The table fits a terminal this wide: the port and process lists wrap, between words. */
    static final int WIDTH = 100;

    @Option(names = OptionNames.JSON, description = "print a JSON array with every field")
    boolean json;

    @Override
    public Integer call() {
        return run(globals(), out(), err());
    }

    int run(GlobalOptions options, PrintWriter out, PrintWriter err) {
        Project project = options.project(err);
        List<Instance> instances = project.registry().live();
        long now = System.currentTimeMillis();
        if (json) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (Instance i : instances) {
                all.add(InstanceView.describe(i, now));
            }
            out.println(PortFormat.json(all));
        } else if (instances.isEmpty()) {
            err.println("no instances running — start one with ./jbang launch.java dev");
        } else {
            Table table = new Table("INSTANCE", "PROFILE", "PID", "UPTIME", "RANGE", "CHECKOUT", "PORTS");
            for (Instance i : instances) {
                String ports = i.ports().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue() + (PortProbe.isListening(e.getValue()) ? "" : "(down)"))
                        .collect(Collectors.joining(" "));
                String processes = i.kind() == Instance.Kind.LEASE ? "lease, expires in " + Durations.human(Duration.ofMillis(i.leaseUntil() - now))
                        : i.processes().stream().map(p -> p.name() + ":" + p.state() + (p.restarts() > 0 ? "(" + p.restarts() + (p.restarts() == 1 ? " restart)" : " restarts)") : ""))
                        .collect(Collectors.joining(" "));
                table.row(i.id(), i.profile(), i.kind() == Instance.Kind.LEASE ? "-" : i.pid(),
                        Durations.human(Duration.ofMillis(now - i.createdAt())), i.range() + " " + i.block().span()
                                + (i.sticky() ? " sticky" : ""), Checkouts.shorten(i.cwd()), ports);
                table.note(processes);
            }
            out.print(table.render(WIDTH, 4, 6));
        }
        Leftovers.warn(project.registry(), err);
        out.flush();
        return ExitCode.OK;
    }
}
