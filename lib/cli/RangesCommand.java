package dev.launch.cli;

import dev.launch.config.PortsConfig;
import dev.launch.ports.PortProbe;
import dev.launch.ports.PortRange;
import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.PortFormat;
import dev.launch.registry.RangeStates;
import dev.launch.registry.Registry;
import dev.launch.util.ExitCode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ranges", header = "The ranges of ports.yaml and the state of each block: free, busy, or held by which instance.")
public final class RangesCommand extends BaseCommand {
    @Option(names = "--json", description = "print a JSON array instead of a table")
    boolean json;

    @Override
    public Integer call() {
        Project project = project();
        PortsConfig config = project.config();
        List<Map<String, Object>> rows = RangeStates.rows(config, project.registry().locked(Registry.Session::holders));
        PrintWriter out = out();
        if (json) {
            out.println(PortFormat.json(rows));
        } else {
            Table table = new Table("RANGE", "PORTS", "STATE");
            for (Map<String, Object> row : rows) {
                int base = (Integer) row.get("base");
                int count = (Integer) row.get("count");
                String span = count == 1 ? Integer.toString(base) : base + "-" + (base + count - 1);
                @SuppressWarnings("unchecked")
                List<String> heldBy = (List<String>) row.get("heldBy");
                @SuppressWarnings("unchecked")
                List<String> busy = (List<String>) row.get("busy");
                String state = switch ((String) row.get("state")) {
                    case "held" -> "held by " + String.join(", ", heldBy)
                            + (busy.isEmpty() ? "" : " (listening: " + busy.size() + " of " + count + ")");
                    case "busy" -> "busy: " + String.join(", ", busy);
                    default -> "free";
                };
                table.row((String) row.get("range"), span, state);
            }
            out.print(table.render());
        }
        out.flush();
        return ExitCode.OK;
    }
}
