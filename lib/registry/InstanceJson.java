package dev.launch.registry;

import dev.launch.envfile.EnvFile;
import dev.launch.ports.PortRange;
import dev.launch.util.Json;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A registry entry as a JSON object and back; unknown fields are ignored (newer writers may add some). */
final class InstanceJson {
    private InstanceJson() {}

    static String write(Instance i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", i.format());
        m.put("id", i.id());
        m.put("profile", i.profile());
        m.put("kind", i.kind());
        m.put("range", i.range());
        m.put("blockStart", i.block().base());
        m.put("blockCount", i.block().count());
        m.put("ports", i.ports());
        m.put("pid", i.pid());
        m.put("pidStart", i.pidStart());
        m.put("createdAt", i.createdAt());
        m.put("leaseUntil", i.leaseUntil());
        m.put("runToken", i.runToken());
        m.put("cwd", i.cwd());
        m.put("watchdogPid", i.watchdogPid());
        m.put("processes", i.processes());
        m.put("envFiles", i.envFiles());
        if (!i.envTargets().isEmpty()) {
            m.put("envTargets", i.envTargets().stream().map(t -> {
                Map<String, Object> target = new LinkedHashMap<>();
                target.put("file", t.file().toString());
                target.put("values", t.values());
                return target;
            }).toList());
        }
        if (!i.urls().isEmpty()) {
            m.put("urls", i.urls());
        }
        if (i.sticky()) {
            m.put("sticky", true);
        }
        if (i.grace() != null) {
            m.put("graceMillis", i.grace().toMillis());
        }
        m.values().removeIf(java.util.Objects::isNull);
        return Json.write(m);
    }

    /** The format number of an entry, read before anything else so newer entries are left alone. */
    static int format(Map<String, Object> m) {
        return (int) number(m, "format", 0);
    }

    static Map<String, Object> object(Object json) throws IOException {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IOException("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        return m;
    }

    static Instance read(Map<String, Object> m) throws IOException {
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            object(m.getOrDefault("ports", Map.of())).forEach((k, v) -> ports.put(k, port(v)));
            List<Instance.ProcessInfo> processes = new ArrayList<>();
            for (Object o : list(m, "processes")) {
                Map<String, Object> p = object(o);
                processes.add(new Instance.ProcessInfo(text(p, "name"), number(p, "pid", 0), text(p, "pidStart"),
                        text(p, "state"), (int) number(p, "restarts", 0),
                        p.get("exitCode") == null ? null : (int) number(p, "exitCode", 0)));
            }
            List<EnvFile.Backup> envFiles = new ArrayList<>();
            for (Object o : list(m, "envFiles")) {
                Map<String, Object> b = object(o);
                Map<String, String> written = new LinkedHashMap<>();
                object(b.getOrDefault("written", Map.of())).forEach((k, v) -> written.put(k, String.valueOf(v)));
                envFiles.add(new EnvFile.Backup(InstanceCheck.envFilePath(path(text(b, "file"))), Boolean.TRUE.equals(b.get("existed")),
                        text(b, "originalContent"), written, text(b, "ownerId")));
            }
            List<Instance.EnvTarget> envTargets = new ArrayList<>();
            for (Object o : list(m, "envTargets")) {
                Map<String, Object> t = object(o);
                envTargets.add(new Instance.EnvTarget(InstanceCheck.envFilePath(path(text(t, "file"))), strings(t, "values")));
            }
            String kind = text(m, "kind");
            Instance instance = new Instance((int) number(m, "format", 0), text(m, "id"), text(m, "profile"),
                    kind == null ? Instance.Kind.RUN : Instance.Kind.valueOf(kind),
                    new PortRange(text(m, "range"), (int) number(m, "blockStart", 0), (int) number(m, "blockCount", 0)), ports, number(m, "pid", 0),
                    text(m, "pidStart"), number(m, "createdAt", 0), number(m, "leaseUntil", 0), text(m, "runToken"),
                    text(m, "cwd"), m.get("watchdogPid") == null ? null : number(m, "watchdogPid", 0), processes, envFiles,
                    envTargets, strings(m, "urls"), Boolean.TRUE.equals(m.get("sticky")),
                    m.get("graceMillis") == null ? null : Duration.ofMillis(number(m, "graceMillis", 0)));
            InstanceCheck.check(instance);
            return instance;
        } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
            throw new IOException("unexpected value in the entry (" + e.getMessage() + ")", e);
        }
    }

    private static int port(Object v) {
        double d = ((Number) v).doubleValue();
        if (!(d >= 1 && d <= 65535) || d != Math.rint(d)) {
            throw new IllegalArgumentException("port " + v + " is not between 1 and 65535");
        }
        return (int) d;
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    private static Map<String, String> strings(Map<String, Object> m, String key) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        object(m.getOrDefault(key, Map.of())).forEach((k, v) -> values.put(k, (String) v));
        return values;
    }

    private static long number(Map<String, Object> m, String key, long fallback) {
        Object v = m.get(key);
        return v == null ? fallback : ((Number) v).longValue();
    }

    private static List<?> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? List.of() : (List<?>) v;
    }

    private static String path(String text) {
        return text != null && text.startsWith("file:") ? Path.of(URI.create(text)).toString() : text;
    }
}
