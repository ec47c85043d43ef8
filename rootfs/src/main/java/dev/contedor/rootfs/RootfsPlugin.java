package dev.contedor.rootfs;

import dev.contedor.api.plugin.Plugin;
import dev.contedor.api.plugin.PluginContext;
import dev.contedor.api.rootfs.RootfsProvider;

import java.util.List;

/** contedor's root filesystems, as a plugin: the provider for the built-in root, folders, tarballs and images. */
public final class RootfsPlugin implements Plugin {
    @Override
    public String name() {
        return "rootfs";
    }

    @Override
    public List<RootfsProvider> rootfsProviders(PluginContext context) {
        return List.of(new DefaultRootfsProvider());
    }
}
