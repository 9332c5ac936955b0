package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.ports.PortProbe;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code ready:} checks of a profile: tcp (127.0.0.1 or ::1 accepts), http (a 2xx or 3xx
 * answer), log (a line of output contains a match). Each polls until it passes, its timeout
 * passes, or the process exits, whichever comes first.
 */
public final class Readiness {
    private static final long FAST_POLLING_NANOS = TimeUnit.SECONDS.toNanos(3);

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
        long start = System.nanoTime();
        long deadline = start + spec.timeout().toNanos();
        long pause = 5;
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
            // Most processes come up within a few seconds, and the stack waits on each: poll those
            // closely (a check is one connection attempt); slow ones back off.
            pause = Math.min(pause * 2, System.nanoTime() - start < FAST_POLLING_NANOS ? 20 : 200);
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
        return PortProbe.isListening(p) ? null : "nothing accepts connections on port " + p;
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
}
