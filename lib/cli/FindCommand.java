package dev.launch.cli;

import dev.launch.api.Ports;
import dev.launch.ports.PortRange;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code find BASE [--count N] [--max PORT]}: the port(s) on stdout, one per line, so that
 * {@code port=$(launch find 8080)} and {@code mapfile -t ports < <(launch find 5001 --count 4)}
 * both work. Exit 3 when there is no such port or block (also when N exceeds BASE..PORT).
 */
@Command(name = "find",
        header = "First free port, or first N consecutive free ports, at or above BASE",
        exitCodeList = {"0:found (printed one a line)", "2:bad usage", "3:nothing free between BASE and --max"},
        footerHeading = "%nExample:%n",
        footer = "  ./jbang launch.java find 8080 --count 3")
public final class FindCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "BASE", description = "lowest port to consider, 1-65535")
    int base;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "1",
            description = "how many consecutive free ports (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--max", paramLabel = "PORT", defaultValue = "65535",
            description = "highest port to consider (default: ${DEFAULT-VALUE})")
    int max;

    @Override
    public Integer call() {
        if (!PortRange.isPort(base)) {
            throw LaunchException.usage("find: BASE must be between 1 and 65535 (got " + base + ")");
        }
        if (max < base || !PortRange.isPort(max)) {
            throw LaunchException.usage("find: --max must be between BASE (" + base + ") and 65535 (got " + max + ")");
        }
        if (count < 1) {
            throw LaunchException.usage("find: --count must be at least 1 (got " + count + ")");
        }
        List<Integer> ports = Ports.findAvailablePorts(base, count, max);
        PrintWriter out = out();
        ports.forEach(out::println);
        out.flush();
        return ExitCode.OK;
    }
}
