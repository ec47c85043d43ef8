package dev.contedor.cgroups.controller.memory;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.controller.VersionedController;

/** Memory limits ({@code --memory}, {@code --memory-reservation}, {@code --memory-swap}) and memory usage. */
public final class MemoryController extends VersionedController<VersionFiles> {
    public MemoryController() {
        super(new MemoryV1(), new MemoryV2());
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.memory().limit().isPresent() || resources.memory().reservation().isPresent()
                || resources.memory().swap().isPresent();
    }
}
