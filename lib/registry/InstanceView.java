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

    /** How each port is shown: its ports.urls entry, else http://localhost:PORT/. */
    private static Map<String, String> urls(Instance i) {
        Map<String, String> urls = new LinkedHashMap<>();
        i.ports().keySet().forEach(name -> urls.put(name, i.url(name)));
        return urls;
    }

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
            p.put("url", i.url(name));
            p.put("listening", PortProbe.isListening(port));
            ports.add(p);
        });
        m.put("portStates", ports);
        m.put("urls", urls(i));
        m.put("sticky", i.sticky());
        m.put("processes", i.processes());
        m.put("envFiles", i.envFiles().stream().map(b -> String.valueOf(b.file())).toList());
        m.put("envTargets", i.envTargets().stream().map(t -> {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("file", t.file().toString());
            target.put("owned", i.envFiles().stream().anyMatch(b -> b.file().equals(t.file())));
            target.put("values", t.values());
            return target;
        }).toList());
        m.put("cwd", i.cwd());
        m.put("envCommand", "./jbang launch.java env " + i.id());
        return m;
    }
}
