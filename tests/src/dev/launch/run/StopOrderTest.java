package dev.launch.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopOrderTest {
    @Test
    void dependentsStopBeforeWhatTheyDependOn() {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        deps.put("network", List.of());
        deps.put("alice", List.of("network"));
        deps.put("bob", List.of("network"));
        deps.put("ui", List.of("alice", "bob"));
        deps.put("metrics", List.of());
        assertEquals(List.of(List.of("ui"), List.of("alice", "bob"), List.of("network", "metrics")), StopOrder.tiers(deps));
    }
}
