package dev.launch;

import dev.launch.project.Locations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tests build launch.java with Maven; this keeps that build's dependencies and javac options JBang's. */
class DependenciesMatchDirectivesTest {
    @Test
    void everyDepsLineOfLaunchJavaIsInTheTestPomWithTheSameVersion() throws Exception {
        Path home = Locations.home();
        String script = Files.readString(home.resolve("lib/launch.java"));
        String pom = Files.readString(home.resolve("tests/pom.xml"));
        Set<String> deps = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^//DEPS (\\S+)$").matcher(script);
        while (m.find()) {
            deps.add(m.group(1));
        }
        assertFalse(deps.isEmpty());
        Set<String> inPom = new TreeSet<>();
        Matcher d = Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        while (d.find()) {
            String version = d.group(3);
            if (version.startsWith("${")) {
                Matcher p = Pattern.compile("<" + Pattern.quote(version.substring(2, version.length() - 1)) + ">([^<]+)<").matcher(pom);
                version = p.find() ? p.group(1) : version;
            }
            String gav = d.group(1) + ":" + d.group(2) + ":" + version;
            if (deps.stream().anyMatch(x -> x.startsWith(d.group(1) + ":" + d.group(2) + ":"))) {
                inPom.add(gav);
            }
        }
        assertEquals(deps, inPom);
    }

    @Test
    void everyJavacOptionOfLaunchJavaIsAMavenCompilerArg() throws Exception {
        Path home = Locations.home();
        String script = Files.readString(home.resolve("lib/launch.java"));
        String pom = Files.readString(home.resolve("tests/pom.xml"));
        Set<String> options = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^//JAVAC_OPTIONS (.+)$").matcher(script);
        while (m.find()) {
            options.addAll(List.of(m.group(1).trim().split("\\s+")));
        }
        assertFalse(options.isEmpty());
        Set<String> args = new TreeSet<>();
        Matcher a = Pattern.compile("<arg>([^<]+)</arg>").matcher(pom);
        while (a.find()) {
            args.add(a.group(1));
        }
        assertTrue(args.containsAll(options), "tests/pom.xml's compilerArgs " + args + " lack some of " + options);
    }
}
