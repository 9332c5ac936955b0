package dev.launch.ports;

import dev.launch.util.Platform;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who holds a TCP port, where the OS tells. On Linux: /proc/net/tcp and tcp6 give the socket
 * inodes bound to the port (LISTEN, or bound and not listening), /proc/PID/fd links name the
 * processes holding those inodes. When /proc is missing or names nobody, {@code ss -ltnpH} is
 * asked, then {@code lsof}; the portable way (macOS, LAUNCH_PORTABLE=1) asks lsof alone.
 * Other users' processes are only visible to root: such a holder is reported with pid -1
 * and a command saying so. An empty list means the OS told nothing.
 */
public final class PortOwners {
    private PortOwners() {}

    /** The holders of one port; empty when unknown. */
    public static List<PortHolder> of(int port) {
        return of(List.of(port)).getOrDefault(port, List.of());
    }

    /** The holders of each port (ports nobody holds are absent), with one scan of /proc. */
    public static Map<Integer, List<PortHolder>> of(Collection<Integer> ports) {
        Set<Integer> wanted = new LinkedHashSet<>(ports);
        for (int port : wanted) {
            PortProbe.checkPort(port);
        }
        if (Platform.portable()) {
            return OwnerTools.fromLsof(wanted);
        }
        Map<Integer, List<PortHolder>> found = ProcNetTcp.holders(wanted);
        if (found.isEmpty()) {
            found = OwnerTools.fromSs(wanted);
        }
        if (found.isEmpty()) {
            found = OwnerTools.fromLsof(wanted);
        }
        return found;
    }
}
