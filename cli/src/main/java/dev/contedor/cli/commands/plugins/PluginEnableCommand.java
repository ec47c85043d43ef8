package dev.contedor.cli.commands.plugins;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code contedor plugins enable NAME}: uses a disabled plugin again. */
@Command(name = "enable", usageHelpAutoWidth = true,
        description = {"Switch a disabled plugin on again: its name leaves DATA-ROOT/plugins.disabled."})
public final class PluginEnableCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "NAME", description = "The plugin's name, as 'contedor plugins ls' shows it.")
    String name;

    @Override
    public Integer call() {
        return PluginSwitch.set(spec, name, false);
    }
}
