package dev.launch.testing;

import dev.launch.ports.PortProbe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Test fixtures: ports in 20000-30000 that are free right now, and listeners on chosen addresses. */
public final class LoopbackPorts {
    private LoopbackPorts() {}

    /** The first of {@code count} consecutive ports, all free now, starting at random in 20000-30000. */
    public static int freeBlock(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 30000 - count);
            boolean ok = true;
            for (int p = base; p < base + count && ok; p++) {
                ok = PortProbe.isFree(p);
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + count + " free ports found in 20000-30000");
    }

    public static int freePort() {
        return freeBlock(1);
    }

    /** A listener on exactly this address: IPv4 addresses in an IPv4 socket, so "0.0.0.0" is not [::]. */
    public static ServerSocketChannel listen(String host, int port) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        ServerSocketChannel channel = ServerSocketChannel.open(address instanceof java.net.Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        channel.bind(new InetSocketAddress(address, port));
        return channel;
    }

    /** A java.net.ServerSocket on [::]: dual-stack, the JDK's default. */
    public static ServerSocket listenDualStack(int port) throws IOException {
        return new ServerSocket(port, 50, InetAddress.getByName("::"));
    }

    public static boolean hasPython3() {
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

    /** A python3 child listening on [::]:port with IPV6_V6ONLY=1 (the JDK cannot set it); ends when closed. */
    public static final class V6OnlyListener implements AutoCloseable {
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
    }
}
