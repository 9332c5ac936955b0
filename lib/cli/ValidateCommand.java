package dev.launch.cli;

import dev.launch.config.PortsConfigLoader;
import dev.launch.config.ProfileLoader;
import dev.launch.project.Locations;
import dev.launch.project.Project;
import dev.launch.util.ExitCode;
import dev.launch.yaml.Problem;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;

@Command(name = "validate",
        header = "Check ports.yaml and every profile; print every problem with file:line:column",
        description = "Problems (errors and warnings) go to standard error, one per line; a one-line "
                + "summary goes to standard output.",
        exitCodeList = {"0:no errors (warnings are allowed)", "2:at least one error"},
        footerHeading = "%nExample:%n",
        footer = "  ./jbang launch.java validate --config ports.yaml --profiles profiles")
public final class ValidateCommand extends BaseCommand {
    @Override
    public Integer call() {
        GlobalOptions globals = globals();
        PrintWriter out = out();
        PrintWriter err = err();
        Path configFile = globals.configFile();
        Path profilesDir = globals.profilesDir();

        List<Problem> problems = new ArrayList<>();
        PortsConfigLoader.Checked ports = PortsConfigLoader.check(configFile);
        Optional<Problem> missing = new Project(globals.locations(), globals.quiet(), err).missingConfig();
        problems.addAll(missing.isPresent() ? List.of(missing.get()) : ports.problems());
        List<String> names = ProfileLoader.names(profilesDir);
        if (!Files.isDirectory(profilesDir)) {
            String looked = Locations.looked(profilesDir, Locations.PROFILES);
            problems.add(ProfileLoader.notADirectory(profilesDir, looked));
        }
        Set<String> rangeNames = new LinkedHashSet<>(ports.names());
        for (String name : names) {
            Path file = profilesDir.resolve(name + ProfileLoader.SUFFIX);
            problems.addAll(ProfileLoader.check(file, name, ports.config(), rangeNames, System::getenv).problems());
        }

        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        for (Problem p : problems) {
            if (p.isError() || !globals.quiet()) {
                err.println(p);
            }
        }
        err.flush();
        out.println(configFile + " and " + plural(names.size(), "profile") + ": "
                + plural(errors, "error") + ", " + plural(warnings, "warning"));
        out.flush();
        return errors > 0 ? ExitCode.USAGE : ExitCode.OK;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
