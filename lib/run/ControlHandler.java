package dev.launch.run;

import dev.launch.control.ControlServer;
import dev.launch.util.Suggest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What a running launcher does for the control channel: {@code stop} without processes stops
 * the whole stack (naming who asked); {@code start}, {@code stop} and {@code restart} with
 * processes act on those through the {@link Supervisor} and answer once each is done.
 */
public final class ControlHandler implements ControlServer.Handler {
    /** 128 + SIGTERM: a stop asked for from elsewhere ends the run as `kill` would. */
    public static final int STOPPED_EXIT = 143;

    private final Supervisor supervisor;

    public ControlHandler(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public Map<String, Object> handle(Map<String, Object> request, Consumer<String> note) throws Exception {
        String op = String.valueOf(request.get("op"));
        String by = request.get("by") == null ? "another shell" : String.valueOf(request.get("by"));
        List<String> names = new ArrayList<>();
        if (request.get("processes") instanceof List<?> list) {
            list.forEach(n -> names.add(String.valueOf(n)));
        }
        if (op.equals("ping")) {
            return result(true, "ok", Map.of("processes", supervisor.names()));
        }
        if (op.equals("stop") && names.isEmpty()) {
            supervisor.requestStop(by, STOPPED_EXIT);
            return result(true, "stopping", Map.of());
        }
        ProcessAction action;
        try {
            action = ProcessAction.of(op);
        } catch (IllegalArgumentException e) {
            return result(false, e.getMessage(), Map.of());
        }
        List<String> unknown = names.stream().filter(n -> !supervisor.names().contains(n)).toList();
        if (!unknown.isEmpty() || names.isEmpty()) {
            String first = unknown.isEmpty() ? "" : unknown.get(0);
            return result(false, (names.isEmpty() ? "name a process" : "no process " + first)
                    + " (processes: " + String.join(", ", supervisor.names()) + ")" + Suggest.didYouMean(first, supervisor.names()),
                    Map.of("unknown", unknown));
        }
        Map<String, CompletableFuture<ProcessAction.Result>> pending = new LinkedHashMap<>();
        for (String name : names) {
            note.accept(action.doing() + " " + name);
            pending.put(name, supervisor.act(action, name, by));
        }
        boolean ok = true;
        List<String> messages = new ArrayList<>();
        for (var e : pending.entrySet()) {
            ProcessAction.Result r = e.getValue().get();
            ok &= r.ok();
            messages.add(r.message());
        }
        supervisor.settle(); // the asker's next `status` sees the state the answer tells of
        return result(ok, String.join("\n", messages), Map.of());
    }

    private static Map<String, Object> result(boolean ok, String message, Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok);
        m.put("message", message);
        m.putAll(more);
        return m;
    }
}
