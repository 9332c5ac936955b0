package dev.launch.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.launch.testing.TestPorts;
import dev.launch.util.Spawn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A probe's bind listens for an instant; a process spawned in that instant keeps the listener
 * open, and the probe's own connect then finds the free port "busy". A run spawns its watchdog
 * while it probes its block, so this happened to real runs (CI: "PORT busy (listening on
 * 127.0.0.1)" for a block nobody held). Without util.Spawn's guard, about half of these probes
 * say busy.
 */
class PortProbeDuringSpawnTest {
    @Test
    void aFreePortStaysFreeWhileAnotherThreadSpawnsProcesses() throws Exception {
        int port = TestPorts.freePort();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger spawned = new AtomicInteger();
        Thread spawner = new Thread(() -> {
            while (!done.get()) {
                try {
                    Spawn.start(new ProcessBuilder("true")).waitFor();
                    spawned.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "spawner");
        spawner.start();
        List<String> busy = new ArrayList<>();
        int probes = 0;
        try {
            while (spawned.get() < 100 || probes < 2000) {
                probes++;
                if (!PortProbe.isFree(port)) {
                    busy.add(PortProbe.probe(port).summary());
                }
            }
        } finally {
            done.set(true);
            spawner.join();
        }
        assertTrue(spawned.get() >= 100, "the spawns overlapped the probes");
        assertEquals(List.of(), busy.stream().distinct().toList(), busy.size() + " of " + probes + " probes of free port " + port
                + " said busy while " + spawned.get() + " processes were spawned");
    }
}
