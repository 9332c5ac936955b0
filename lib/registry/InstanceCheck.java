package dev.launch.registry;

import dev.launch.envfile.EnvFile;
import dev.launch.util.Durations;
import dev.launch.util.Names;
import dev.launch.util.PortUrls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What an entry read back from the state dir must look like before anything acts on it: names
 * as profiles and ports.yaml allow them, ports that exist, pids with start times, absolute env
 * file paths (of backups and of targets) and keys, port urls as profiles allow them. An entry
 * that fails is quarantined, never used.
 */
final class InstanceCheck {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private InstanceCheck() {}

    static void check(Instance i) throws IOException {
        name("id", i.id(), Names.PROFILE, false);
        name("profile", i.profile(), Names.PROFILE, false);
        name("range", i.range(), Names.RANGE, true);
        for (var port : i.ports().entrySet()) {
            name("port name", port.getKey(), Names.PORT, false);
            if (port.getValue() == null || port.getValue() < 1 || port.getValue() > 65535) {
                throw bad("port " + port.getKey() + " = " + port.getValue() + " is not between 1 and 65535");
            }
        }
        if (i.kind() == Instance.Kind.RUN && (i.pid() <= 1 || blank(i.pidStart()))) {
            throw bad("a run needs its launcher's pid and start time");
        }
        if (i.pid() < 0 || (i.watchdogPid() != null && i.watchdogPid() < 0)) {
            throw bad("negative pid");
        }
        if (i.runToken() != null && !TOKEN.matcher(i.runToken()).matches()) {
            throw bad("run token has characters a token never has");
        }
        if (i.grace() != null && (i.grace().isNegative() || i.grace().compareTo(Durations.MAX) > 0)) {
            throw bad("grace is not between 0 and " + Durations.format(Durations.MAX));
        }
        if (i.cwd() != null && !Path.of(i.cwd()).isAbsolute()) {
            throw bad("cwd is not an absolute path");
        }
        for (Instance.ProcessInfo p : i.processes()) {
            name("process name", p.name(), Names.PROCESS, false);
            if (p.pid() < 0) {
                throw bad("negative pid of " + p.name());
            }
        }
        for (var url : i.urls().entrySet()) {
            if (!i.ports().containsKey(url.getKey())) {
                throw bad("url of \"" + Names.printable(url.getKey()) + "\", which is not one of its ports");
            }
            String problem = url.getValue() == null ? "is missing" : PortUrls.problem(url.getValue());
            if (problem != null) {
                throw bad("url of port " + url.getKey() + " " + problem);
            }
        }
        for (Instance.EnvTarget t : i.envTargets()) {
            for (var value : t.values().entrySet()) {
                name("env file key", value.getKey(), ENV_KEY, false);
                if (value.getValue() == null || value.getValue().indexOf('\0') >= 0) {
                    throw bad("env file value of " + value.getKey() + " is missing or holds a NUL");
                }
            }
        }
        for (EnvFile.Backup b : i.envFiles()) {
            for (String key : b.written().keySet()) {
                name("env file key", key, ENV_KEY, false);
            }
            name("env file owner", b.ownerId(), Names.PROFILE, true);
        }
    }

    /** Env file paths are checked as text, before {@link EnvFile.Backup} would make a relative one absolute. */
    static Path envFilePath(String text) throws IOException {
        if (text == null || text.indexOf('\0') >= 0) {
            throw bad("env file without a path");
        }
        Path path = Path.of(text);
        if (!path.isAbsolute() || !path.normalize().equals(path)) {
            throw bad("env file path " + Names.printable(text) + " is not absolute and normal");
        }
        return path;
    }

    private static void name(String what, String value, Pattern rule, boolean optional) throws IOException {
        if (value == null ? !optional : value.length() > 200 || !rule.matcher(value).matches()) {
            throw bad(what + " " + (value == null ? "missing" : "\"" + Names.printable(value) + "\" is not allowed"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static IOException bad(String message) {
        return new IOException(message);
    }
}
