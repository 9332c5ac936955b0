package dev.launch;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code ready:} checks of a profile: tcp (127.0.0.1 or ::1 accepts), http (a 2xx or 3xx
 * answer), log (a line of output contains a match). Each polls until it passes, its timeout
 * passes, or the process exits, whichever comes first. Also says who holds a port, so a crash
 * caused by a foreign program can be named as such.
 */
public final class Readiness {
    private static final int CONNECT_MS = 250;

    private Readiness() {}

    /** Passed, or why not (a phrase that follows "was not ready after 60s: "). */
    public record Result(boolean ready, String problem) {
        static final Result READY = new Result(true, null);
    }

    /** Fed every output line of one process; trips once a line contains a match. */
    public static final class LogWatch implements Consumer<String> {
        private final Pattern pattern;
        private final CountDownLatch matched = new CountDownLatch(1);

        public LogWatch(String regex) {
            this.pattern = Pattern.compile(regex);
        }

        @Override
        public void accept(String line) {
            if (matched.getCount() > 0 && pattern.matcher(line).find()) {
                matched.countDown();
            }
        }

        public boolean matched() {
            return matched.getCount() == 0;
        }

        boolean await(long millis) throws InterruptedException {
            return matched.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Blocks until {@code spec} (already rendered: a port number, a URL) passes. {@code log} is the
     * watch fed by the process's output for a log check (null otherwise); {@code alive} turns
     * false when the process exits, which fails the check at once.
     */
    public static Result await(Profile.ReadySpec spec, LogWatch log, BooleanSupplier alive) throws InterruptedException {
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        long pause = 10;
        String problem;
        while (true) {
            if (spec instanceof Profile.ReadySpec.Log l) {
                if (log != null && log.await(pause)) {
                    return Result.READY;
                }
                problem = "no line of its output matched /" + l.regex() + "/";
            } else {
                problem = spec instanceof Profile.ReadySpec.Tcp t ? tcp(t.port()) : http(((Profile.ReadySpec.Http) spec).url());
                if (problem == null) {
                    return Result.READY;
                }
            }
            if (!alive.getAsBoolean()) {
                return new Result(false, "it exited");
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return new Result(false, problem);
            }
            if (!(spec instanceof Profile.ReadySpec.Log)) {
                Thread.sleep(Math.min(pause, left));
            }
            pause = Math.min(pause * 2, 200);
        }
    }

    /** Null when 127.0.0.1 or ::1 accepts a connection on {@code port}, else what went wrong. */
    public static String tcp(String port) {
        int p;
        try {
            p = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            return "'" + port + "' is not a port number";
        }
        return listening(p) ? null : "nothing accepts connections on port " + p;
    }

    /** Null on a 2xx or 3xx answer to GET {@code url}, else what went wrong. */
    public static String http(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            c.setInstanceFollowRedirects(false);
            try {
                int code = c.getResponseCode();
                return code >= 200 && code < 400 ? null : url + " answered " + code;
            } finally {
                c.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return "no answer on " + url;
        }
    }

    public static boolean listening(int port) {
        for (String host : List.of("127.0.0.1", "::1")) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(host), port), CONNECT_MS);
                return true;
            } catch (IOException e) {
                // try the other family
            }
        }
        return false;
    }

    /** Busy: something listens, or the port cannot be bound on the wildcard address. */
    public static boolean taken(int port) {
        if (listening(port)) {
            return true;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A process holding {@code port}: pid and command name. */
    public record Holder(long pid, String command) {
        @Override
        public String toString() {
            return "pid " + pid + (command.isEmpty() ? "" : " " + command);
        }
    }

    /** Who listens on {@code port}, where /proc says (only our own user's processes are visible). */
    public static Optional<Holder> holderOf(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> rows = Files.readAllLines(Path.of(table));
                for (String row : rows.subList(1, rows.size())) {
                    String[] f = row.trim().split("\\s+");
                    if (f.length > 9 && "0A".equals(f[3]) && Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16) == port) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6, not Linux)
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                            String comm = Files.readString(proc.resolve("comm")).trim();
                            return Optional.of(new Holder(Long.parseLong(proc.getFileName().toString()), comm));
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // not ours to look at, or gone
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return Optional.empty();
    }
}
