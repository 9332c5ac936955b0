///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.yaml:snakeyaml:2.7
//DEPS com.fasterxml.jackson.core:jackson-core:2.23.0
//SOURCES ../lib/*/*.java
//JAVA_OPTIONS -Xlog:disable -Xlog:all=warning:stderr

import dev.launch.registry.Allocator;
import dev.launch.registry.Instance;
import dev.launch.ports.PortProbe;
import dev.launch.ports.PortRange;
import dev.launch.registry.Registry;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * In-process cost of allocating a 4-port block: the allocator alone (probing included) and the
 * whole locked registry transaction, with 0, 1 and 3 ranges of the chain busy, and with N ranges
 * in the chain of which all but the last are held by registry entries (O(ranges) growth), with
 * real probes and with the probe answered in-process (the allocator's own logic).
 * Prints medians and p99 in microseconds. Usage: ./jbang bench/AllocationBench.java [ITERATIONS]
 */
public class AllocationBench {
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int base = 24000;
        Allocator allocator = new Allocator(p -> PortProbe.isFree(p) ? List.of() : PortProbe.probe(p).reasons());
        Path state = Files.createTempDirectory("launch-bench");
        Registry registry = new Registry(state, new PrintWriter(System.err, true));
        System.out.printf("%-44s %10s %10s%n", "allocate a 4-port block (" + iterations + " runs)", "median µs", "p99 µs");
        for (int busy : new int[] {0, 1, 3}) {
            List<PortRange> chain = new ArrayList<>();
            for (int i = 0; i <= 3; i++) {
                chain.add(new PortRange("R" + i, base + i * 10, 4));
            }
            List<ServerSocket> listeners = new ArrayList<>();
            for (int i = 0; i < busy; i++) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), base + i * 10 + 3));
                listeners.add(s);
                // A real server accepts; one that never does fills its backlog and the probe then
                // waits out its connect timeout, which is not what a busy port costs.
                Thread acceptor = new Thread(() -> {
                    while (!s.isClosed()) {
                        try {
                            s.accept().close();
                        } catch (java.io.IOException e) {
                            return;
                        }
                    }
                });
                acceptor.setDaemon(true);
                acceptor.start();
            }
            Allocator.Request request = new Allocator.Request(List.of("a", "b", "c", "d"), chain, false);
            report(busy + " of the chain's ranges busy: allocator", time(iterations, () -> allocator.allocate(List.of(), request)));
            report(busy + " busy: locked registry + allocator", time(iterations,
                    () -> registry.locked(s -> allocator.allocate(s.holders(), request))));
            for (ServerSocket s : listeners) {
                s.close();
            }
        }
        for (int ranges : new int[] {1, 10, 100}) {
            List<PortRange> chain = new ArrayList<>();
            List<Instance> holders = new ArrayList<>();
            for (int i = 0; i < ranges; i++) {
                int b = base + 1000 + i * 4;
                chain.add(new PortRange("R" + i, b, 4));
                if (i < ranges - 1) {
                    holders.add(new Instance(Instance.FORMAT, "x-" + i, "x", Instance.Kind.LEASE, "R" + i, b, 4,
                            java.util.Map.of(), 0, null, 0, Long.MAX_VALUE, null, null, null, List.of(), List.of()));
                }
            }
            Allocator.Request request = new Allocator.Request(List.of("a", "b", "c", "d"), chain, false);
            report(ranges + " ranges, all but the last held", time(iterations, () -> allocator.allocate(holders, request)));
            Allocator logicOnly = new Allocator(p -> List.of());
            report(ranges + " ranges, decision logic only (no probing)", time(iterations, () -> logicOnly.allocate(holders, request)));
        }
    }

    interface Body {
        Object run() throws Exception;
    }

    static long[] time(int n, Body body) throws Exception {
        for (int i = 0; i < Math.min(n, 500); i++) {
            body.run();
        }
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            body.run();
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        return ns;
    }

    static void report(String label, long[] sorted) {
        System.out.printf("%-44s %10.1f %10.1f%n", label, sorted[sorted.length / 2] / 1000.0,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000.0);
    }
}
