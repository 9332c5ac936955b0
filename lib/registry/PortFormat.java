package dev.launch.registry;

import dev.launch.util.Json;
import dev.launch.util.Names;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ways `ports` and `env` print an instance's ports. */
public enum PortFormat {
    sh, dotenv, json;

    public String render(Instance instance) {
        return switch (this) {
            case sh -> lines(instance, "export ");
            case dotenv -> lines(instance, "");
            case json -> json(summary(instance)) + "\n";
        };
    }

    /** Only names a shell takes as variables are printed, and values are quoted for it (eval runs these lines). */
    private static String lines(Instance instance, String prefix) {
        StringBuilder sb = new StringBuilder();
        instance.ports().forEach((name, port) -> {
            String variable = Names.portVariable(name);
            if (Names.VARIABLE.matcher(variable).matches()) {
                sb.append(prefix).append(variable).append('=').append(Names.shellQuote(String.valueOf(port))).append('\n');
            }
        });
        return sb.toString();
    }

    /** The JSON object of SPEC.md: instance, range, ports, plus what else is known. */
    public static Map<String, Object> summary(Instance instance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", instance.id());
        m.put("profile", instance.profile());
        m.put("range", instance.range());
        m.put("ports", instance.ports());
        Map<String, String> env = new LinkedHashMap<>();
        instance.ports().forEach((name, port) -> env.put(Names.portVariable(name), Integer.toString(port)));
        m.put("env", env);
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("first", instance.block().base());
        block.put("last", instance.block().last());
        m.put("block", block);
        return m;
    }

    public static String json(Object value) {
        return Json.write(value);
    }
}
