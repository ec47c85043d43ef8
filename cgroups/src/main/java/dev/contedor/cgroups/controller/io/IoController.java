package dev.contedor.cgroups.controller.io;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.controller.VersionedController;

/**
 * Block IO weight and per-device rates ({@code --blkio-weight}, {@code --device-read-bps}, ...)
 * and IO done. {@code io} on v2, {@code blkio} on v1.
 */
public final class IoController extends VersionedController<VersionFiles> {
    public IoController() {
        super(new BlkioV1(), new IoV2());
    }

    @Override
    public String name() {
        return "io";
    }

    @Override
    public String v1Name() {
        return "blkio";
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.blockIo().weight().isPresent() || !resources.blockIo().readBps().isEmpty()
                || !resources.blockIo().writeBps().isEmpty() || !resources.blockIo().readIops().isEmpty()
                || !resources.blockIo().writeIops().isEmpty();
    }
}
