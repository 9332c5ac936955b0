package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.ports.PortProbe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    /**
     * Null on a 2xx or 3xx answer to GET {@code url}, else what went wrong. A plain http URL is
     * asked on a socket of its own (HTTP/1.1, one request, only the status line read): the JDK's
     * client costs ~10 ms of CPU at its first use, while the stack's processes start on the same
     * cores. https and URLs with user info go through the JDK's client.
     */
    public static String http(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "no answer on " + url;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return viaUrlConnection(url);
        }
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        try (Socket s = new Socket(Proxy.NO_PROXY)) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort()), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + uri.getRawAuthority() + "\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            int code = statusCode(new BufferedInputStream(s.getInputStream()));
            return code >= 200 && code < 400 ? null : url + " answered " + code;
        } catch (IOException | IllegalArgumentException e) {
            return "no answer on " + url;
        }
    }

    /** The status of the answer, past any 1xx interim ones; -1 for a status line that is not HTTP's. */
    private static int statusCode(InputStream in) throws IOException {
        while (true) {
            String status = line(in);
            if (status == null) {
                throw new IOException("closed before an answer");
            }
            String[] f = status.split(" ", 3);
            int code = f.length < 2 || !f[0].startsWith("HTTP/") ? -1 : threeDigits(f[1]);
            if (code < 0) {
                return -1;
            }
            if (code >= 200) {
                return code;
            }
            String header;
            do {
                header = line(in);
            } while (header != null && !header.isEmpty());
        }
    }

    private static int threeDigits(String s) {
        if (s.length() != 3) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + c - '0';
        }
        return n;
    }

    /** One line without its CR LF; null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (b.length() > 8192) {
                throw new IOException("line too long");
            }
            b.append((char) c);
        }
        if (c == -1 && b.length() == 0) {
            return null;
        }
        return b.length() > 0 && b.charAt(b.length() - 1) == '\r' ? b.substring(0, b.length() - 1) : b.toString();
    }

    private static String viaUrlConnection(String url) {
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
