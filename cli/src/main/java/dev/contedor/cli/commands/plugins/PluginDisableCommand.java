package dev.contedor.cli.commands.plugins;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code contedor plugins disable NAME}: leaves a plugin out without deleting its jar. */
@Command(name = "disable", usageHelpAutoWidth = true,
        description = {"Switch a plugin off without deleting it: its name goes into DATA-ROOT/plugins.disabled, "
                + "and every later command leaves it out. Built-in plugins cannot be disabled."})
public final class PluginDisableCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "NAME", description = "The plugin's name, as 'contedor plugins ls' shows it.")
    String name;

    @Override
    public Integer call() {
        return PluginSwitch.set(spec, name, true);
    }
}
