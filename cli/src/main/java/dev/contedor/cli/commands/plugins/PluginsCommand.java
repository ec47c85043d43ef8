package dev.contedor.cli.commands.plugins;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code contedor plugins}: what extends contedor, and switching plugins off and on. */
@Command(name = "plugins", aliases = "plugin", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Manage plugins.",
                "Plugins bring isolators, cgroup controllers, root filesystem providers and launchers. contedor's "
                        + "own modules are built-in plugins; others are jars (or folders of jars) in the plugins "
                        + "folder (--plugins DIR, $CONTEDOR_PLUGINS, else DATA-ROOT/plugins). A plugin that cannot be "
                        + "used is refused with one warning line, and the rest run."},
        subcommands = {PluginListCommand.class, PluginDisableCommand.class, PluginEnableCommand.class},
        footer = {"", "Examples:",
                "  contedor plugins ls",
                "  contedor plugins ls --format json",
                "  contedor plugins disable acme-audit"})
public final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
