package dev.contedor.cli.commands.plugins;

import dev.contedor.api.error.ContedorException;
import dev.contedor.cli.GlobalOptions;
import dev.contedor.cli.Main;
import dev.contedor.runtime.Engine;
import dev.contedor.runtime.plugins.DisabledPlugins;
import dev.contedor.runtime.plugins.PluginReport;
import dev.contedor.runtime.plugins.PluginSource;
import picocli.CommandLine;

import java.util.List;

/** What disable and enable share: the name checked against what is installed, then the list in the data folder. */
final class PluginSwitch {
    private PluginSwitch() {
    }

    static int set(CommandLine.Model.CommandSpec spec, String name, boolean disable) {
        GlobalOptions global = ((Main) spec.root().userObject()).global();
        DisabledPlugins disabled = new DisabledPlugins(global.paths().dataRoot());
        List<PluginReport> reports = Engine.plugins(global.paths(), global.debug).reports();
        List<PluginReport> named = reports.stream().filter(r -> r.name().equals(name)).toList();
        if (named.stream().anyMatch(r -> r.source() instanceof PluginSource.BuiltIn)) {
            throw ContedorException.runtime("plugin " + name + " is built in and cannot be " + (disable ? "disabled" : "enabled")
                    + ": contedor needs it");
        }
        // enabling a name that is no longer installed is allowed: it cleans the list
        if (named.isEmpty() && disable) {
            throw ContedorException.runtime("no plugin named " + name + "; 'contedor plugins ls' lists them");
        }
        boolean changed = disabled.set(name, disable);
        spec.commandLine().getOut().println(name + (changed ? "" : " was already") + (disable ? " disabled" : " enabled"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
