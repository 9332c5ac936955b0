package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.testing.Stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A readiness check that dies says so and fails the stack, instead of leaving it "starting" for ever. */
class ReadinessFailureTest {
    @AfterEach
    void stopStacks() {
        Stack.stopAll();
    }

    @Test
    void aCheckThatThrowsFailsTheStackWithAMessage() throws Exception {
        // A timeout no profile can give any more (they are capped at 24h): its nanoseconds overflow.
        Profile.ReadySpec ready = new Profile.ReadySpec.Tcp(Integer.toString(Stack.freePort()), Duration.ofSeconds(10_000_000_000L));
        Stack stack = Stack.start(Duration.ofSeconds(1), Stack.with(Stack.sh("web", "sleep 100"), ready));
        int exit = stack.exit.get(20, TimeUnit.SECONDS);
        assertEquals(1, exit);
        assertTrue(stack.err.toString().contains("web") && stack.err.toString().contains("readiness check failed"), stack.err.toString());
    }
}
