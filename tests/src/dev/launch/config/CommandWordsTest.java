package dev.launch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandWordsTest {
    @Test
    void splitsOnWhitespace() {
        assertEquals(List.of("npm", "run", "dev"), CommandWords.split("  npm   run\tdev "));
    }

    @Test
    void singleQuotesKeepEverythingLiteral() {
        assertEquals(List.of("echo", "a  b", "$HOME \\n"), CommandWords.split("echo 'a  b' '$HOME \\n'"));
    }

    @Test
    void doubleQuotesKeepSpacesAndHonourEscapedQuotes() {
        assertEquals(List.of("say", "he said \"hi\"", "back\\slash"),
                CommandWords.split("say \"he said \\\"hi\\\"\" \"back\\\\slash\""));
    }

    @Test
    void quotedPartsJoinTheirWord() {
        assertEquals(List.of("--name=a b", "x'y"), CommandWords.split("--name=\"a b\" \"x'y\""));
        assertEquals(List.of("", "a"), CommandWords.split("'' a"));
    }

    @Test
    void noShellMeaningForPipesAndVariables() {
        assertEquals(List.of("a", "|", "b", ">", "out", "$X", "*"), CommandWords.split("a | b > out $X *"));
    }

    @Test
    void templatesStayInTheirWord() {
        assertEquals(List.of("serve", "--port", "${ports.web}"), CommandWords.split("serve --port ${ports.web}"));
    }

    @Test
    void unterminatedQuoteIsAnErrorWithTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandWords.split("echo \"hi"));
        assertEquals("unterminated double quote at column 6 of the command", e.getMessage());
    }
}
