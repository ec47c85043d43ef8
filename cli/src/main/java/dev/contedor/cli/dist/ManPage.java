package dev.contedor.cli.dist;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The man page (troff, {@code man(7)} macros) of one picocli command, written from its
 * {@link CommandSpec}: the help text is the single source, so a page cannot disagree with
 * {@code --help}. Options inherited from {@code contedor} itself appear only on contedor(1).
 */
public final class ManPage {
    private final CommandSpec spec;
    private final String version;

    public ManPage(CommandSpec spec, String version) {
        this.spec = spec;
        this.version = version;
    }

    /** The page's file name: {@code contedor-image-ls.1} for {@code contedor image ls}. */
    public String fileName() {
        return spec.qualifiedName("-") + ".1";
    }

    /** The visible subcommands, each once (picocli lists a command again under each alias). */
    public static List<CommandSpec> subcommands(CommandSpec spec) {
        Map<CommandSpec, Boolean> seen = new IdentityHashMap<>();
        List<CommandSpec> visible = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (!s.usageMessage().hidden() && seen.put(s, Boolean.TRUE) == null) {
                visible.add(s);
            }
        }
        return visible;
    }

    public String troff() {
        StringBuilder out = new StringBuilder();
        String name = spec.qualifiedName(" ");
        String[] description = lines(spec.usageMessage().description());
        out.append(".TH ").append(quote(spec.qualifiedName("-").toUpperCase(java.util.Locale.ROOT)))
                .append(" 1 \"\" ").append(quote(version)).append(" \"contedor manual\"\n");
        // no hyphenation: command and option names must stay whole
        out.append(".nh\n");
        out.append(".SH NAME\n").append(escape(spec.qualifiedName("-")));
        if (description.length > 0) {
            out.append(" \\- ").append(escape(description[0]));
        }
        out.append('\n');

        out.append(".SH SYNOPSIS\n.nf\n");
        CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        for (String line : help.synopsis(0).split("\\R")) {
            if (!line.isBlank()) {
                out.append(escapeLine(line)).append('\n');
            }
        }
        out.append(".fi\n");

        if (description.length > 0) {
            out.append(".SH DESCRIPTION\n");
            for (String paragraph : description) {
                out.append(".PP\n").append(escapeLine(paragraph)).append('\n');
            }
        }

        List<PositionalParamSpec> positionals = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!positionals.isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                out.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n");
                appendDescription(out, p.description());
            }
        }

        boolean root = spec.parent() == null;
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden() && (root || !o.inherited())).toList();
        if (!options.isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                out.append(".TP\n").append(optionTerm(o)).append('\n');
                appendDescription(out, o.description());
            }
            if (!root) {
                out.append(".PP\nThe global options of \\fBcontedor\\fR(1) (\\fB\\-\\-root\\fR, \\fB\\-\\-data\\-root\\fR, ")
                        .append("\\fB\\-\\-plugins\\fR, \\fB\\-\\-debug\\fR) apply too.\n");
            }
        }

        List<CommandSpec> subcommands = subcommands(spec);
        if (!subcommands.isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (CommandSpec sub : subcommands) {
                String[] subDescription = lines(sub.usageMessage().description());
                out.append(".TP\n\\fB").append(escape(sub.name())).append("\\fR\n")
                        .append(subDescription.length > 0 ? escapeLine(subDescription[0]) : "")
                        .append(" See \\fB").append(escape(sub.qualifiedName("-"))).append("\\fR(1).\n");
            }
        }

        appendFooter(out, lines(spec.usageMessage().footer()));

        out.append(".SH SEE ALSO\n");
        List<String> related = new ArrayList<>();
        if (spec.parent() != null) {
            related.add(spec.parent().qualifiedName("-"));
        }
        subcommands.forEach(s -> related.add(s.qualifiedName("-")));
        if (related.isEmpty()) {
            related.add("contedor");
        }
        out.append(String.join(", ", related.stream().map(r -> "\\fB" + escape(r) + "\\fR(1)").toList())).append('\n');
        return out.toString();
    }

    private static String optionTerm(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String term = String.join(", ", names);
        if (o.arity().max() > 0) {
            term += "=\\fI" + escape(o.paramLabel()) + "\\fR";
        }
        return term;
    }

    private static void appendDescription(StringBuilder out, String[] description) {
        String[] lines = lines(description);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append(".br\n");
            }
            out.append(escapeLine(lines[i])).append('\n');
        }
    }

    /** picocli's footer here is a heading ("Examples:") and verbatim lines: a section of its own. */
    private static void appendFooter(StringBuilder out, String[] footer) {
        int first = 0;
        while (first < footer.length && footer[first].isBlank()) {
            first++;
        }
        if (first == footer.length) {
            return;
        }
        String heading = footer[first].strip();
        if (heading.endsWith(":")) {
            out.append(".SH ").append(escape(heading.substring(0, heading.length() - 1).toUpperCase(java.util.Locale.ROOT))).append('\n');
            first++;
        } else {
            out.append(".SH NOTES\n");
        }
        out.append(".nf\n");
        for (int i = first; i < footer.length; i++) {
            out.append(escapeLine(footer[i])).append('\n');
        }
        out.append(".fi\n");
    }

    /** picocli formats help texts with String.format: %n is a line break, %% a percent sign. */
    private static String[] lines(String[] texts) {
        List<String> lines = new ArrayList<>();
        for (String text : texts) {
            lines.addAll(List.of(text.replace("%%", "%").split("%n", -1)));
        }
        return lines.toArray(String[]::new);
    }

    /** A line of text: a leading '.' or '\'' would be read as a troff request. */
    static String escapeLine(String line) {
        String escaped = escape(line);
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

    /** Backslashes are troff's escapes; '-' is a hyphen to troff, and options need the minus sign. */
    static String escape(String text) {
        return text.replace("\\", "\\e").replace("-", "\\-");
    }

    private static String quote(String text) {
        return "\"" + escape(text).replace("\"", "\\(dq") + "\"";
    }
}
