package dev.contedor.api.plugin;

import dev.contedor.api.RuntimePaths;
import dev.contedor.api.cgroup.CgroupController;

import java.util.List;

/**
 * What the engine gives a plugin when it asks for its contributions: the services a plugin
 * may use instead of reaching into contedor's internals (which its class loader does not
 * see). One context per plugin; valid for the life of the process.
 */
public interface PluginContext {

    /** Where contedor keeps state, data and plugins for this command. */
    RuntimePaths paths();

    /**
     * Every cgroup controller of every enabled plugin, built-in ones first: what a plugin that
     * drives cgroups (contedor's own cgroups plugin) enforces.
     */
    List<CgroupController> cgroupControllers();

    /** Where the plugin reports: lines on contedor's stderr, prefixed with the plugin's name. */
    PluginLog log();
}
