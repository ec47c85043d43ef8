package dev.contedor.cgroups.controller.pids;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.controller.VersionedController;

/** The number of tasks a container may have ({@code --pids-limit}) and how many it has. */
public final class PidsController extends VersionedController<VersionFiles> {
    public PidsController() {
        this(new PidsFiles());
    }

    /** The same files on v1 and v2. */
    private PidsController(PidsFiles files) {
        super(files, files);
    }

    @Override
    public String name() {
        return "pids";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.pidsLimit().isPresent();
    }
}
