package dev.launch.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestTest {
    @Test
    void typosTranspositionsAndSpellingVariantsFindTheirWord() {
        assertEquals(Optional.of("ranges"), Suggest.closest("rangs", List.of("ranges")));
        assertEquals(Optional.of("base"), Suggest.closest("bsae", List.of("base", "count")));
        assertEquals(Optional.of("depends_on"), Suggest.closest("dependsOn", List.of("command", "depends_on")));
        assertEquals(Optional.of("depends_on"), Suggest.closest("depends-on", List.of("command", "depends_on")));
        assertEquals(Optional.of("env"), Suggest.closest("enviroment", List.of("command", "env", "cwd")));
        assertEquals(Optional.of("DEVELOPMENT"), Suggest.closest("DEVELOPMNT", List.of("DEFAULT", "DEVELOPMENT")));
    }

    @Test
    void unrelatedWordsGetNoSuggestion() {
        assertEquals(Optional.empty(), Suggest.closest("colour", List.of("base", "count")));
        assertEquals("", Suggest.didYouMean("zzz", List.of("dev", "my-orchestrator")));
        assertEquals(Optional.empty(), Suggest.closest("d", List.of("a", "b", "c")));
    }

    @Test
    void didYouMeanIsReadyToAppend() {
        assertEquals("; did you mean \"dev\"?", Suggest.didYouMean("dve", List.of("dev", "my-orchestrator")));
    }
}
