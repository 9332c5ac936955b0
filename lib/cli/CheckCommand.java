package dev.launch.cli;

import dev.launch.ports.PortHolder;
import dev.launch.ports.PortOwners;
import dev.launch.ports.PortProbe;
import dev.launch.ports.PortRange;
import dev.launch.registry.Instance;
import dev.launch.util.ExitCode;
import dev.launch.util.Json;
import dev.launch.util.LaunchException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check PORT...}: one line per port, {@code 5001  free} or
 * {@code 5002  busy  listening on 127.0.0.1, ::1 — pid 4242 (python3 -m http.server 5002)}.
 */
@Command(name = "check",
        header = "Is each port free? Who holds a busy one; exit 1 if any is busy",
        exitCodeList = {"0:every port is free", "1:a port is busy", "2:not a port (1-65535)"},
        footerHeading = "%nExample:%n",
        footer = "  ./jbang launch.java check 5001 5002")
public final class CheckCommand extends BaseCommand {
    private static final int MAX_SHOWN_COMMAND = 80;


    @Parameters(paramLabel = "PORT", arity = "1..*", description = "TCP ports, 1-65535")
    List<Integer> ports;

    @Option(names = "--json", description = "print a JSON array of {port, free, reasons, holders}")
    boolean json;

    /**
     * The launch instance a port is reserved for, if any ("held by instance 2"); such a port is
     * busy even before its process binds it. Filled from the registry when the command runs.
     */
    IntFunction<Optional<String>> heldBy = port -> Optional.empty();

    /** One port's answer, as printed. */
    record Result(int port, boolean free, List<String> reasons, List<PortHolder> holders, String instance) {}

    @Override
    public Integer call() {
        List<Instance> holders = project().registry().live();
        heldBy = port -> holders.stream().filter(h -> h.block().contains(port)).findFirst().map(h -> h.id()
                + (h.kind() == Instance.Kind.LEASE ? " (a ports reservation)" : " (" + h.profile() + ", pid " + h.pid() + ")"));
        for (int port : ports) {
            if (!PortRange.isPort(port)) {
                throw LaunchException.usage("check: " + port + " is not a port (expected 1-65535)");
            }
        }
        List<Result> results = check(ports);
        PrintWriter out = out();
        if (json) {
            out.println(toJson(results));
        } else {
            results.forEach(r -> out.println(line(r)));
        }
        out.flush();
        return results.stream().allMatch(Result::free) ? ExitCode.OK : ExitCode.FAILURE;
    }

    private List<Result> check(List<Integer> portList) {
        List<PortProbe.Probe> probes = new ArrayList<>();
        List<Integer> busy = new ArrayList<>();
        for (int port : portList) {
            PortProbe.Probe probe = PortProbe.probe(port);
            probes.add(probe);
            if (!probe.free()) {
                busy.add(port);
            }
        }
        Map<Integer, List<PortHolder>> holders = busy.isEmpty() ? Map.of() : PortOwners.of(busy);
        List<Result> results = new ArrayList<>();
        for (PortProbe.Probe probe : probes) {
            String instance = heldBy.apply(probe.port()).orElse(null);
            List<String> reasons = new ArrayList<>();
            if (instance != null) {
                reasons.add("held by instance " + instance);
            }
            reasons.addAll(probe.reasons());
            results.add(new Result(probe.port(), reasons.isEmpty(), reasons,
                    holders.getOrDefault(probe.port(), List.of()), instance));
        }
        return results;
    }

    static String line(Result r) {
        StringBuilder sb = new StringBuilder(String.format("%-5d  %s", r.port(), r.free() ? "free" : "busy"));
        if (r.free()) {
            return sb.toString();
        }
        List<String> parts = new ArrayList<>();
        if (r.instance() != null) {
            parts.add("held by instance " + r.instance());
        }
        PortProbe.Probe probe = new PortProbe.Probe(r.port(), false,
                r.reasons().stream().filter(s -> !s.startsWith("held by instance ")).toList());
        if (!probe.reasons().isEmpty()) {
            parts.add(probe.summary());
        }
        sb.append("  ").append(String.join("; ", parts));
        List<String> who = new ArrayList<>();
        for (PortHolder h : r.holders()) {
            String d = abbreviate(h.describe());
            if (!who.contains(d)) {
                who.add(d);
            }
        }
        if (!who.isEmpty()) {
            sb.append(" — ").append(String.join(", ", who));
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_SHOWN_COMMAND ? s : s.substring(0, MAX_SHOWN_COMMAND - 2) + "…)";
    }

    static String toJson(List<Result> results) {
        List<Map<String, Object>> array = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("port", r.port());
            o.put("free", r.free());
            o.put("reasons", r.reasons());
            List<Map<String, Object>> holders = new ArrayList<>();
            for (PortHolder h : r.holders()) {
                Map<String, Object> ho = new LinkedHashMap<>();
                ho.put("pid", h.known() ? h.pid() : null);
                ho.put("command", h.command());
                ho.put("address", h.address());
                holders.add(ho);
            }
            o.put("holders", holders);
            if (r.instance() != null) {
                o.put("instance", r.instance());
            }
            array.add(o);
        }
        return Json.write(array);
    }
}
