package dev.launch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A python3 child listening on [::]:port with IPV6_V6ONLY=1 (the JDK cannot set it); ends when closed. */
public final class V6OnlyListener implements AutoCloseable {
    private final Process process;

    public V6OnlyListener(int port) throws IOException {
        String script = String.join("\n",
                "import socket, sys",
                "s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)",
                "s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)",
                "s.bind(('::', " + port + "))",
                "s.listen()",
                "print('listening', flush=True)",
                "sys.stdin.read()");
        process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (!"listening".equals(line)) {
            process.destroyForcibly();
            throw new IOException("python3 helper did not listen on [::]:" + port + ": " + line);
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Whether python3 runs here (the tests use it for listeners the JDK cannot make). */
    public static boolean python3Available() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "pass").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
