package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** restart: no + exit 0 is a completed task; depends_on waits for started, ready or completed. */
class TasksTest {
    @AfterEach
    void stopStacks() {
        Stack.stopAll();
    }

    private static RenderedProcess waitsFor(RenderedProcess p, Map<String, Profile.Condition> conditions) {
        return new RenderedProcess(p.name(), p.command(), p.cwd(), p.env(), p.ready(), List.copyOf(conditions.keySet()), p.restart(),
                p.maxRestarts(), p.ports(), conditions);
    }

    @Test
    void aTaskThatExitsZeroCompletesAndTheStackKeepsRunning() throws Exception {
        Stack s = Stack.start(Duration.ofSeconds(1), Stack.sh("migrate", "echo migrated"), Stack.sh("server", "exec sleep 300"));
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> s.indexOf("migrate", "completed") >= 0), s.events().toString());
        s.awaitReady(Duration.ofSeconds(5));
        Thread.sleep(300);
        assertFalse(s.exit.isDone(), s.err());
        assertTrue(s.err().contains("launch: migrate completed"), s.err());
    }

    @Test
    void aServerWaitsUntilItsMigrationHasCompleted() throws Exception {
        RenderedProcess server = waitsFor(Stack.sh("server", "echo serving; exec sleep 300"), Map.of("migrate", Profile.Condition.COMPLETED));
        Stack s = Stack.start(Duration.ofSeconds(1), Stack.sh("migrate", "sleep 0.5; echo migrated"), server);
        s.awaitReady(Duration.ofSeconds(10));
        assertTrue(s.indexOf("migrate", "completed") >= 0, s.events().toString());
        assertTrue(s.indexOf("migrate", "completed") < s.indexOf("server", "starting"), s.events().toString());
        assertTrue(Stack.eventually(Duration.ofSeconds(5), () -> s.out().contains("server  | serving")), s.out());
        assertTrue(s.out().indexOf("migrate | migrated") < s.out().indexOf("server  | serving"), s.out());
    }

    @Test
    void startedDoesNotWaitForTheReadyCheck() throws Exception {
        RenderedProcess slow = Stack.with(Stack.sh("slow", "sleep 1; echo up; exec sleep 300"), new Profile.ReadySpec.Log("up", Duration.ofSeconds(10)));
        RenderedProcess eager = waitsFor(Stack.sh("eager", "exec sleep 300"), Map.of("slow", Profile.Condition.STARTED));
        Stack s = Stack.start(Duration.ofSeconds(1), slow, eager);
        s.awaitReady(Duration.ofSeconds(10));
        assertTrue(s.indexOf("eager", "starting") < s.indexOf("slow", "ready"), s.events().toString());
    }

    @Test
    void aFailedTaskFailsTheStackAndNamesWhatWaitedForIt() throws Exception {
        RenderedProcess server = waitsFor(Stack.sh("server", "exec sleep 300"), Map.of("migrate", Profile.Condition.COMPLETED));
        Stack s = Stack.start(Duration.ofSeconds(1), Stack.sh("migrate", "echo no database; exit 2"), server);
        assertEquals(1, s.awaitExit(Duration.ofSeconds(10)));
        assertTrue(s.err().contains("launch: migrate exited with code 2; stopping the stack"), s.err());
        assertTrue(s.err().contains("launch: server needs migrate to complete, but migrate exited with code 2"), s.err());
        assertEquals(-1, s.indexOf("server", "starting"));
    }

    @Test
    void aDependencyThatExitsBeforeItIsReadyFailsTheStackNamingBoth() throws Exception {
        RenderedProcess network = Stack.with(Stack.sh("network", "echo starting; exit 0"), new Profile.ReadySpec.Log("listening", Duration.ofSeconds(10)));
        RenderedProcess alice = Stack.dependsOn(Stack.sh("alice", "exec sleep 300"), "network");
        Stack s = Stack.start(Duration.ofSeconds(1), network, alice);
        assertEquals(1, s.awaitExit(Duration.ofSeconds(10)));
        assertTrue(s.err().contains("launch: network exited with code 0 before it was ready; stopping the stack"), s.err());
        assertTrue(s.err().contains("launch: alice needs network to be ready, but network exited with code 0 before it was ready"), s.err());
    }

    @Test
    void whenEveryProcessHasCompletedTheStackEndsWithZero() throws Exception {
        RenderedProcess second = waitsFor(Stack.sh("seed", "echo seeded"), Map.of("migrate", Profile.Condition.COMPLETED));
        Stack s = Stack.start(Duration.ofSeconds(1), Stack.sh("migrate", "echo migrated"), second);
        assertEquals(0, s.awaitExit(Duration.ofSeconds(10)));
        assertTrue(s.err().contains("seed completed; every process has completed"), s.err());
        assertEquals(1, s.count("seed", "completed"));
    }
}
