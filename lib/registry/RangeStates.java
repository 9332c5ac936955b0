package dev.launch.registry;

import dev.launch.config.PortsConfig;
import dev.launch.ports.PortProbe;
import dev.launch.ports.PortRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state of every range of ports.yaml: free, busy (and why) or held by which instances. */
public final class RangeStates {
    private RangeStates() {}

    /** One row per range of ports.yaml: range, base, count, state (free/busy/held), heldBy, busy. Also the web UI's /api/ranges. */
    public static List<Map<String, Object>> rows(PortsConfig config, List<Instance> holders) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PortRange range : config.ranges().values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("range", range.name());
            row.put("base", range.base());
            row.put("count", range.count());
            List<String> heldBy = holders.stream().filter(h -> h.block().overlaps(range)).map(Instance::id).toList();
            List<String> busy = new ArrayList<>();
            for (int port : range.ports()) {
                List<String> reasons = PortProbe.isFree(port) ? List.of() : PortProbe.probe(port).reasons();
                if (!reasons.isEmpty()) {
                    busy.add(port + " (" + String.join("; ", reasons) + ")");
                }
            }
            row.put("state", !heldBy.isEmpty() ? "held" : busy.isEmpty() ? "free" : "busy");
            row.put("heldBy", heldBy);
            row.put("busy", busy);
            rows.add(row);
        }
        return rows;
    }
}
