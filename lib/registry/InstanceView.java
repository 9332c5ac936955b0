package dev.launch.registry;

import dev.launch.ports.PortProbe;
import dev.launch.util.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What `status --json` and the web page show of one instance: its JSON object. */
public final class InstanceView {
    private InstanceView() {}

    /** Everything status --json and the web UI show of one instance. */
    public static Map<String, Object> describe(Instance i, long now) {
        Map<String, Object> m = PortFormat.summary(i);
        m.put("kind", i.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("pid", i.pid());
        m.put("startedAt", java.time.Instant.ofEpochMilli(i.createdAt()).toString());
        m.put("uptimeSeconds", (now - i.createdAt()) / 1000);
        if (i.kind() == Instance.Kind.LEASE) {
            m.put("leaseUntil", java.time.Instant.ofEpochMilli(i.leaseUntil()).toString());
        }
        List<Map<String, Object>> ports = new ArrayList<>();
        i.ports().forEach((name, port) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            p.put("port", port);
            p.put("env", Names.portVariable(name));
            p.put("url", "http://localhost:" + port + "/");
            p.put("listening", PortProbe.isListening(port));
            ports.add(p);
        });
        m.put("portStates", ports);
        m.put("processes", i.processes());
        m.put("envFiles", i.envFiles().stream().map(b -> String.valueOf(b.file())).toList());
        m.put("cwd", i.cwd());
        m.put("envCommand", "./jbang launch.java env " + i.id());
        return m;
    }
}
