package dev.launch.registry;

import dev.launch.ports.PortHolder;
import dev.launch.ports.PortOwners;
import dev.launch.ports.PortRange;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks a whole block of ports: the ranges of the chain in order, then (with scan) any free block
 * above the first range. A block is skipped when a live registry entry holds any of its ports,
 * even before that instance's processes bind them, or when any port is busy on the machine. Call
 * it inside {@link Registry#locked} so that no two launchers can take the same block.
 */
public final class Allocator {
    /** Why a port cannot be used right now: empty when it is free. */
    @FunctionalInterface
    public interface PortCheck {
        List<String> busyReasons(int port);
    }

    /** What to allocate: a port per name, the chain, scan, and a block to try before the chain (sticky; may be null). */
    public record Request(List<String> names, List<PortRange> chain, boolean scan, PortRange preferred) {
        public Request {
            names = List.copyOf(names);
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a request needs at least one range");
            }
        }

        public Request(List<String> names, List<PortRange> chain, boolean scan) {
            this(names, chain, scan, null);
        }

        public Request preferring(PortRange block) {
            return new Request(names, chain, scan, block);
        }
    }

    /**
     * The block taken (named for its range), the name of each port in it, why earlier ranges were
     * passed over, and whether it is the block this checkout had last time (sticky).
     */
    public record Allocation(PortRange block, Map<String, Integer> ports, List<String> skipped, boolean sticky) {
        public Allocation {
            ports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
            skipped = List.copyOf(skipped);
        }

        public String range() {
            return block.name();
        }
    }

    /** The name given to a block found by scan rather than by a named range. */
    public static final String SCAN = "scan";

    private final PortCheck check;

    public Allocator(PortCheck check) {
        this.check = check;
    }

    public Allocation allocate(List<Instance> instances, Request request) {
        Map<Integer, Instance> holders = heldPorts(instances);
        List<String> skipped = new ArrayList<>();
        List<Integer> busyPorts = new ArrayList<>();
        PortRange preferred = request.preferred();
        if (preferred != null && usable(request, preferred)
                && whyNot(holders, preferred.base(), preferred.count(), busyPorts).isEmpty()) {
            Allocation a = allocation(preferred, request.names(), skipped);
            return new Allocation(a.block(), a.ports(), a.skipped(), true);
        }
        busyPorts.clear();
        for (PortRange range : request.chain()) {
            if (range.count() < request.names().size()) {
                throw LaunchException.usage("range " + range.name() + " has " + range.count() + " ports but "
                        + request.names().size() + " port names need one each");
            }
            Optional<String> why = whyNot(holders, range.base(), range.count(), busyPorts);
            if (why.isEmpty()) {
                return allocation(range, request.names(), skipped);
            }
            skipped.add(range.name() + " " + range.span() + ": " + why.get());
        }
        if (request.scan()) {
            PortRange first = request.chain().get(0);
            int count = first.count();
            int start = first.base();
            while (start + count - 1 <= PortRange.MAX_PORT) {
                int busyAt = firstUnusable(holders, start, count);
                if (busyAt < 0) {
                    return allocation(new PortRange(SCAN, start, count), request.names(), skipped);
                }
                start = busyAt + 1;
            }
            skipped.add("scan from " + first.base() + ": no " + count + " consecutive free ports up to 65535");
        }
        throw new LaunchException(ExitCode.NO_FREE_BLOCK, noFreeBlockMessage(request, skipped, busyPorts));
    }

    private static Allocation allocation(PortRange block, List<String> names, List<String> skipped) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ports.put(names.get(i), block.base() + i);
        }
        return new Allocation(block, ports, skipped, false);
    }

    /** The remembered block still fits the request: a range of the chain as it is now, or a scanned block. */
    private static boolean usable(Request request, PortRange block) {
        if (block.count() < request.names().size()) {
            return false;
        }
        if (block.name().equals(SCAN)) {
            return request.scan() && block.count() == request.chain().get(0).count();
        }
        return request.chain().contains(block);
    }

    /** Every port a live entry holds, and by whom: one pass, so a long chain costs O(ranges). */
    private static Map<Integer, Instance> heldPorts(List<Instance> instances) {
        Map<Integer, Instance> held = new java.util.HashMap<>();
        for (Instance i : instances) {
            for (int port = i.block().base(); port <= i.block().last(); port++) {
                held.putIfAbsent(port, i);
            }
        }
        return held;
    }

    /** The reason a block cannot be taken, naming each busy port and who holds it. */
    private Optional<String> whyNot(Map<Integer, Instance> holders, int start, int count, List<Integer> busyPorts) {
        for (int port = start; port < start + count; port++) {
            Instance holder = holders.get(port);
            if (holder != null) {
                return Optional.of("held by instance " + holder.id() + describe(holder));
            }
        }
        List<String> busy = new ArrayList<>();
        for (int port = start; port < start + count; port++) {
            List<String> reasons = check.busyReasons(port);
            if (!reasons.isEmpty()) {
                busy.add(port + " busy (" + String.join("; ", reasons) + ")");
                busyPorts.add(port);
            }
        }
        return busy.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", busy));
    }

    /** The first port of the block that is held or busy, or -1 if the whole block is usable. */
    private int firstUnusable(Map<Integer, Instance> holders, int start, int count) {
        int end = start + count - 1;
        for (int port = end; port >= start; port--) {
            if (holders.containsKey(port)) {
                return port;
            }
        }
        for (int port = end; port >= start; port--) {
            if (!check.busyReasons(port).isEmpty()) {
                return port;
            }
        }
        return -1;
    }

    private static String describe(Instance holder) {
        return holder.kind() == Instance.Kind.LEASE
                ? " (a `ports` reservation, expires in " + Math.max(0, (holder.leaseUntil() - System.currentTimeMillis() + 999) / 1000) + "s)"
                : " (" + holder.profile() + ", pid " + holder.pid() + ")";
    }

    private static String noFreeBlockMessage(Request request, List<String> skipped, List<Integer> busyPorts) {
        StringBuilder sb = new StringBuilder("no free block of ")
                .append(request.chain().get(0).count()).append(" ports in ")
                .append(request.chain().size() == 1 ? "range " : "any of the ranges ")
                .append(String.join(", ", request.chain().stream().map(PortRange::name).toList()))
                .append(request.scan() ? " or above them" : "").append(":");
        for (String line : skipped) {
            sb.append("\n  ").append(line);
        }
        // Who holds the busy ports, where the OS says (one scan, only now that allocation failed).
        Map<Integer, List<PortHolder>> owners = busyPorts.isEmpty() ? Map.of() : PortOwners.of(busyPorts);
        owners.forEach((port, list) -> list.stream().findFirst().ifPresent(h -> sb.append("\n  port ").append(port)
                .append(" is held by ").append(h.describe())));
        sb.append("\nStop an instance (./jbang launch.java status; ./jbang launch.java stop ID), free the ports"
                + " (./jbang launch.java check PORT shows who holds one), or add a range to ports.yaml and to the"
                + " profile's ports.ranges (or set ports.scan: true).");
        return sb.toString();
    }
}
