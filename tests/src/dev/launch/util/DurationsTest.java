package dev.launch.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesEachUnitAndPlainSeconds() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30"));
    }

    @Test
    void rejectsAnythingElseWithAnExample() {
        for (String bad : new String[] {"", "5 sec", "1.5s", "-1s", "5d", "PT5S"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad));
            assertEquals("expected a duration like 500ms, 5s, 2m or 1h (got \"" + bad + "\")", e.getMessage());
        }
    }

    @Test
    void formatsInTheShortestAcceptedForm() {
        assertEquals("5s", Durations.format(Duration.ofSeconds(5)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("2m", Durations.format(Duration.ofSeconds(120)));
        assertEquals("1h", Durations.format(Duration.ofMinutes(60)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }
}
