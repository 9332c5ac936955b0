package dev.launch.control;

import dev.launch.registry.Instance;
import dev.launch.util.Json;
import dev.launch.util.Threads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The other shells' end of the control channel (`restart`, `stop`, `start`, the web page).
 * {@link #call} answers empty when the instance has no live channel: no socket, or one that a
 * killed launcher left behind (which is then removed); the caller falls back or says so.
 */
public final class ControlClient {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(Threads.daemons("control-timeout"));

    /** The final line of an answer. */
    public record Answer(boolean ok, String message, Map<String, Object> fields) {}

    private ControlClient() {}

    /** Where the launcher of instance {@code id} listens. */
    public static Path socket(Path stateDir, String id) {
        return stateDir.toAbsolutePath().resolve("control").resolve(id + ".sock");
    }

    /** A request: {@code op} on {@code processes}, asked by {@code by} ("launch restart (pid 42)"). */
    public static Map<String, Object> request(String op, List<String> processes, String by) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op);
        m.put("processes", processes);
        m.put("by", by);
        return m;
    }

    /**
     * Sends {@code request} to the launcher of {@code instance} and waits at most {@code timeout}
     * for its result; notes go to {@code onNote}. Empty when there is no live channel.
     */
    public static Optional<Answer> call(Path stateDir, Instance instance, Map<String, Object> request, Duration timeout,
                                        Consumer<String> onNote) throws IOException {
        Path socket = socket(stateDir, instance.id());
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Map<String, Object> sent = new LinkedHashMap<>(request);
        sent.put("pid", instance.pid());
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            removeIfStale(socket);
            return Optional.empty();
        }
        var timer = TIMER.schedule(() -> {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (channel) {
            Channels.newOutputStream(channel).write((Json.line(sent) + "\n").getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            Map<String, Object> last = null;
            String line;
            while ((line = in.readLine()) != null) {
                Map<String, Object> m = object(line);
                if (m.containsKey("note") && !m.containsKey("ok")) {
                    onNote.accept(String.valueOf(m.get("note")));
                } else {
                    last = m;
                }
            }
            if (last == null) {
                throw new IOException("the launcher of " + instance.id() + " closed the channel without an answer");
            }
            if (Boolean.TRUE.equals(last.get("stale"))) {
                return Optional.empty();
            }
            return Optional.of(new Answer(Boolean.TRUE.equals(last.get("ok")), String.valueOf(last.get("message")), last));
        } catch (java.nio.channels.AsynchronousCloseException e) {
            throw new IOException("no answer from the launcher of " + instance.id() + " within " + timeout.toSeconds() + "s");
        } finally {
            timer.cancel(false);
        }
    }

    /** A socket nobody listens on (its launcher was killed) is removed; a live launcher's answers and is left alone. */
    public static void removeIfStale(Path socket) {
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && !listening(socket)) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // left for the next try
            }
        }
    }

    private static boolean listening(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Object> object(String line) throws IOException {
        Object json = Json.read(line);
        if (!(json instanceof Map<?, ?> map)) {
            throw new IOException("unexpected answer: " + line);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        return m;
    }
}
