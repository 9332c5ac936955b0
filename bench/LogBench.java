///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.yaml:snakeyaml:2.7
//DEPS com.fasterxml.jackson.core:jackson-core:2.23.0
//SOURCES ../lib/*/*.java
//JAVA_OPTIONS -Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC

import dev.launch.logs.LogStore;
import dev.launch.run.LogMux;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cost of keeping a stack's logs on disk: two real processes each write 100k lines as fast
 * as they can, pumped through the launcher's LogMux to /dev/null (a terminal that keeps up),
 * once without and once with the log files. Prints the median wall time of each over RUNS runs
 * and what stays on disk. Usage: ./jbang bench/LogBench.java [RUNS] [LINES]
 */
public class LogBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        storm(false, lines); // warm-up
        storm(true, lines);
        long[] without = new long[runs];
        long[] with = new long[runs];
        for (int i = 0; i < runs; i++) {
            without[i] = storm(false, lines);
            with[i] = storm(true, lines);
        }
        System.out.printf("2 x %,d-line storm through LogMux, median of %d runs:%n", lines, runs);
        System.out.printf("  terminal only:            %5d ms  %s%n", median(without), Arrays.toString(without));
        System.out.printf("  terminal + log files:     %5d ms  %s%n", median(with), Arrays.toString(with));
        System.out.printf("  cost of the log files:    %+5d ms (%+.0f%%)%n", median(with) - median(without),
                100.0 * (median(with) - median(without)) / median(without));
        System.out.printf("  on disk afterwards:       %,d bytes (cap %,d per process)%n", lastOnDisk, 2 * LogStore.SEGMENT_BYTES);
    }

    static long lastOnDisk;

    static long storm(boolean keep, int lines) throws Exception {
        Path dir = Files.createTempDirectory("logbench");
        try (OutputStream devNull = new FileOutputStream("/dev/null")) {
            LogMux mux = new LogMux(devNull, List.of("alice", "bob"), false);
            LogStore store = keep ? LogStore.create(dir.resolve("logs").resolve("bench-1-1"), List.of("alice", "bob")) : null;
            if (store != null) {
                mux.keep(store);
            }
            long t0 = System.nanoTime();
            List<Thread> pumps = new ArrayList<>();
            List<Process> procs = new ArrayList<>();
            for (String name : List.of("alice", "bob")) {
                Process p = new ProcessBuilder("seq", "-f", name + " says line %06g of the storm, with some text to look real", "1",
                        Integer.toString(lines)).redirectErrorStream(true).start();
                procs.add(p);
                pumps.add(mux.pump(name, p.getInputStream(), null));
            }
            for (Thread t : pumps) {
                t.join();
            }
            mux.flush();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            for (Process p : procs) {
                p.waitFor();
            }
            if (store != null) {
                store.close();
                try (Stream<Path> files = Files.list(store.dir())) {
                    lastOnDisk = files.mapToLong(f -> f.toFile().length()).sum();
                }
            }
            return ms;
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
