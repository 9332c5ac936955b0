package dev.launch.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * Every command's help lists its own options first and the global ones (those of every command:
 * --config, --state-dir, ..., --help) after them under their own heading, so the few options that
 * make a command what it is are not lost among the ones they all share.
 */
final class HelpSections {
    static final String GLOBAL_OPTIONS = "globalOptions";
    static final String GLOBAL_HEADING = "%nGlobal options:%n";
    static final String OPTIONS_HEADING = "%nOptions:%n";

    private HelpSections() {}

    static void install(CommandLine cl) {
        headings(cl);
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>(cl.getHelpSectionMap());
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, HelpSections::synopsis);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> options(help, false));
        sections.put(GLOBAL_OPTIONS, help -> options(help, true));
        List<String> keys = new java.util.ArrayList<>(cl.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1, GLOBAL_OPTIONS);
        cl.setHelpSectionMap(sections);
        cl.setHelpSectionKeys(keys);
    }

    /** A blank line before each part, so a help page reads as sections. */
    private static void headings(CommandLine cl) {
        CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        usage.synopsisHeading("%nUsage: ");
        if (usage.description().length > 0) {
            usage.descriptionHeading("%n");
        }
        usage.parameterListHeading("%nArguments:%n");
        usage.commandListHeading("%nCommands:%n");
        if (usage.exitCodeListHeading().isEmpty() && !usage.exitCodeList().isEmpty()) {
            usage.exitCodeListHeading("%nExit codes:%n");
        }
        if (usage.footerHeading().isEmpty() && usage.footer().length > 0) {
            usage.footerHeading("%n");
        }
        cl.getSubcommands().values().stream().distinct().forEach(HelpSections::headings);
    }

    /** Shared by every command: inherited (or inheritable) options and the help and version flags. */
    static boolean global(OptionSpec o) {
        return o.inherited() || o.scopeType() == ScopeType.INHERIT || o.usageHelp() || o.versionHelp();
    }

    /** {@code ./jbang launch.java ports [--format=FORMAT]... [GLOBAL OPTIONS] [PROFILE]}, wrapped under itself. */
    private static String synopsis(Help help) {
        CommandLine.Model.CommandSpec spec = help.commandSpec();
        List<String> words = new java.util.ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden() || global(o)) {
                continue;
            }
            String word = o.longestName() + (o.arity().max() == 0 ? "" : "=" + o.paramLabel());
            words.add((o.required() ? word : "[" + word + "]") + (o.isMultiValue() ? "..." : ""));
        }
        words.add("[GLOBAL OPTIONS]");
        for (CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                String word = p.paramLabel() + (p.isMultiValue() ? "..." : "");
                words.add(p.arity().min() == 0 ? "[" + word + "]" : word);
            }
        }
        if (!spec.subcommands().isEmpty()) {
            words.add("[COMMAND]");
        }
        String heading = help.synopsisHeading();
        String start = spec.qualifiedName();
        int indent = heading.length() - heading.lastIndexOf('\n') - 1 + start.length() + 1;
        int width = spec.usageMessage().width();
        StringBuilder sb = new StringBuilder(start);
        int column = indent - 1;
        for (String word : words) {
            if (column + 1 + word.length() > width && column > indent) {
                sb.append('\n').append(" ".repeat(indent - 1));
                column = indent - 1;
            }
            sb.append(' ').append(word);
            column += 1 + word.length();
        }
        return sb.append('\n').toString();
    }

    private static String options(Help help, boolean global) {
        List<OptionSpec> shown = help.commandSpec().options().stream()
                .filter(o -> !o.hidden() && global(o) == global).toList();
        if (shown.isEmpty()) {
            return "";
        }
        Help.Layout layout = help.createDefaultLayout();
        String list = help.optionListExcludingGroups(shown, layout, help.createDefaultOptionSort(),
                help.createDefaultParamLabelRenderer());
        return help.createHeading(global ? GLOBAL_HEADING : OPTIONS_HEADING) + list;
    }
}
