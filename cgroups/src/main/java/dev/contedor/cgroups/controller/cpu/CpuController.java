package dev.contedor.cgroups.controller.cpu;

import dev.contedor.api.cgroup.Resources;
import dev.contedor.cgroups.controller.VersionFiles;
import dev.contedor.cgroups.controller.VersionedController;

import java.util.Set;

/** CPU weight and bandwidth ({@code --cpu-shares}, {@code --cpus}, {@code --cpu-quota}, {@code --cpu-period}) and CPU usage. */
public final class CpuController extends VersionedController<VersionFiles> {
    public CpuController() {
        super(new CpuV1(), new CpuV2());
    }

    @Override
    public String name() {
        return "cpu";
    }

    /** On v1 the usage is cpuacct's, a hierarchy of its own on some hosts. */
    @Override
    public Set<String> v1Companions() {
        return Set.of("cpuacct");
    }

    @Override
    public boolean appliesTo(Resources resources) {
        return resources.cpu().shares().isPresent() || resources.cpu().quota().isPresent()
                || resources.cpu().period().isPresent();
    }
}
