package dev.launch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Map<String, String> VALUES = Map.of(
            "ports.alice", "5001", "env.HOME", "/home/u", "instance.id", "dev-1", "profile", "dev", "range", "DEVELOPMENT");

    @Test
    void rendersEveryKindOfName() {
        assertEquals("http://localhost:5001 /home/u dev-1 dev DEVELOPMENT",
                Template.render("http://localhost:${ports.alice} ${env.HOME} ${instance.id} ${profile} ${range}", VALUES::get));
    }

    @Test
    void doubleDollarIsALiteral() {
        assertEquals("${ports.alice} costs $5 and 5001", Template.render("$${ports.alice} costs $5 and ${ports.alice}", VALUES::get));
        assertEquals(List.of("ports.alice"), Template.references("$${x} ${ports.alice}"));
    }

    @Test
    void envDefaultAppliesOnlyWhenUnset() {
        assertEquals("fallback", Template.render("${env.NOPE:-fallback}", VALUES::get));
        assertEquals("/home/u", Template.render("${env.HOME:-fallback}", VALUES::get));
        assertEquals("", Template.render("${env.NOPE:-}", VALUES::get));
    }

    @Test
    void unknownNameOnRenderIsAnIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Template.render("x ${ports.bob}", VALUES::get));
        assertEquals("unknown template ${ports.bob} at column 3", e.getMessage());
    }

    @Test
    void unterminatedIsAnIllegalArgumentWithTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Template.references("ab ${ports.x"));
        assertEquals("unterminated \"${\" at column 4; close it with \"}\" or write \"$${\" for a literal \"${\"", e.getMessage());
    }

    @Test
    void referencesListsKeysInOrder() {
        assertEquals(List.of("ports.a", "env.B", "profile"), Template.references("${ports.a}-${env.B:-x}/${profile}"));
        assertEquals(List.of(new Template.Ref("env.B", "x", 11)), Template.refs("${ports.a}-${env.B:-x}").subList(1, 2));
    }

    @Test
    void checkNamesTheOffendingReferenceAndWhereItStarts() {
        List<Template.Issue> issues = Template.check("a ${ports.alcie} ${prfile} ${env.SURELY_UNSET} ${env.X:-d} ${range:-x}",
                List.of("alice", "bob"), var -> null);
        assertEquals(List.of(
                new Template.Issue(2, "ports.alcie", "unknown port \"alcie\" in ${ports.alcie}; did you mean \"alice\"? (ports.names: alice, bob)"),
                new Template.Issue(17, "prfile", "unknown template name \"prfile\" in ${prfile}; did you mean \"profile\"?"),
                new Template.Issue(27, "env.SURELY_UNSET", "environment variable SURELY_UNSET is not set; set it, or give a default: ${env.SURELY_UNSET:-VALUE}"),
                new Template.Issue(59, "range", "a default (\":-\") is only allowed for ${env.VAR}, not ${range}")), issues);
    }

    @Test
    void checkReportsUnknownTopLevelNames() {
        assertEquals("unknown template name \"host\" in ${host}; expected ports.NAME, env.VAR, instance.id, profile or range",
                Template.check("${host}", List.of("a"), var -> null).get(0).message());
    }

    @Test
    void checkReportsUnterminated() {
        assertEquals(List.of(new Template.Issue(5, "${ports.a", "unterminated \"${\"; close it with \"}\" or write \"$${\" for a literal \"${\"")),
                Template.check("$${x ${ports.a", List.of("a"), var -> null));
    }
}
