package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.controller.freezer.FreezerController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cgroup controllers a driver enforces: contedor's own and those of plugins, as the
 * plugin manager collected them. Two controllers with one name is an error;
 * the freezer is always there, since freeze, thaw and kill-all need it.
 */
public final class ControllerCatalog {
    private ControllerCatalog() {
    }

    /** The controllers given, checked, with the freezer added when missing. */
    public static List<CgroupController> of(List<CgroupController> controllers) {
        Map<String, CgroupController> byName = new LinkedHashMap<>();
        for (CgroupController controller : controllers) {
            CgroupController other = byName.putIfAbsent(controller.name(), controller);
            if (other != null && other.getClass() != controller.getClass()) {
                throw ContedorException.runtime("two cgroup controllers are named " + controller.name() + ": "
                        + other.getClass().getName() + " and " + controller.getClass().getName());
            }
        }
        byName.putIfAbsent("freezer", new FreezerController());
        return List.copyOf(byName.values());
    }
}
