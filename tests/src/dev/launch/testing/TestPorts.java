package dev.launch.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port numbers for tests: blocks above 20000 and below the ephemeral range, chosen at random and
 * checked free on 127.0.0.1 and ::1, so parallel test runs and a developer's stacks don't meet.
 */
public final class TestPorts {
    private TestPorts() {}

    /** The first port of {@code count} consecutive ports that are free right now. */
    public static int freeBlock(int count) {
        for (int attempt = 0; attempt < 500; attempt++) {
            int base = 20000 + ThreadLocalRandom.current().nextInt(0, 12000 - count);
            boolean ok = true;
            for (int p = base; p < base + count && ok; p++) {
                ok = canBind("127.0.0.1", p) && canBind("::1", p) && canBind("0.0.0.0", p);
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of " + count + " ports above 20000");
    }

    public static boolean canBind(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A listener on host:port until closed. */
    public static ServerSocket listen(String host, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        return s;
    }
}
