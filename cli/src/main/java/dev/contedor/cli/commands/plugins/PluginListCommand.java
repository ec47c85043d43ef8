package dev.contedor.cli.commands.plugins;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contedor.cli.GlobalOptions;
import dev.contedor.cli.Main;
import dev.contedor.cli.output.JsonOutput;
import dev.contedor.runtime.Engine;
import dev.contedor.runtime.plugins.PluginReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code contedor plugins ls}: every plugin found, enabled, disabled or refused, and what it brings. */
@Command(name = "ls", aliases = "list", sortOptions = false, usageHelpAutoWidth = true,
        description = {"List plugins: name, version, source (built-in or the jar), status, what each contributes.",
                "A refused plugin shows why on the line below it."})
public final class PluginListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json (one array: Name, Version, Source, SpiVersion, Status, Contributes, Reason).")
    String format;

    @Override
    public Integer call() {
        String chosen = format.toLowerCase(Locale.ROOT);
        if (!chosen.equals("table") && !chosen.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format + ": use table or json");
        }
        GlobalOptions global = ((Main) spec.root().userObject()).global();
        List<PluginReport> reports = Engine.plugins(global.paths(), global.debug).reports();
        PrintWriter out = spec.commandLine().getOut();
        out.print(chosen.equals("json") ? json(reports) : table(reports));
        out.flush();
        return 0;
    }

    static String table(List<PluginReport> reports) {
        String[] head = {"NAME", "VERSION", "STATUS", "SPI", "SOURCE", "CONTRIBUTES"};
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(head);
        for (PluginReport r : reports) {
            rows.add(new String[] {r.name(), r.version().orElse("-"), r.status().label(), r.spiVersion().orElse("-"),
                    r.source().describe(), r.contributions().isEmpty() ? "-" : String.join(", ", r.contributions())});
        }
        int[] widths = new int[head.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < rows.size(); n++) {
            String[] row = rows.get(n);
            for (int i = 0; i < row.length; i++) {
                sb.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
            }
            sb.append('\n');
            if (n > 0) {
                reports.get(n - 1).reason().ifPresent(reason -> sb.append("  refused: ").append(reason).append('\n'));
            }
        }
        return sb.toString();
    }

    static String json(List<PluginReport> reports) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (PluginReport r : reports) {
            ObjectNode o = array.addObject();
            o.put("Name", r.name());
            o.put("Version", r.version().orElse(null));
            o.put("Source", r.source().describe());
            o.put("BuiltIn", r.source() instanceof dev.contedor.runtime.plugins.PluginSource.BuiltIn);
            o.put("SpiVersion", r.spiVersion().orElse(null));
            o.put("Status", r.status().label());
            o.put("Enabled", r.status() == PluginReport.Status.ENABLED);
            ArrayNode contributes = o.putArray("Contributes");
            r.contributions().forEach(contributes::add);
            o.put("Reason", r.reason().orElse(null));
        }
        return JsonOutput.pretty(array);
    }
}
