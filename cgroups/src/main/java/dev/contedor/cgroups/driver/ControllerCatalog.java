package dev.contedor.cgroups.driver;

import dev.contedor.api.cgroup.CgroupController;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.controller.freezer.FreezerController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The cgroup controllers on the class path ({@code META-INF/services/dev.contedor.api.cgroup.CgroupController}):
 * contedor's own and any a plugin jar brings. Two controllers with one name is an error;
 * the freezer is always there, since freeze, thaw and kill-all need it.
 */
public final class ControllerCatalog {
    private ControllerCatalog() {
    }

    /** Found through the thread's context class loader (which sees plugin jars), else this module's. */
    public static List<CgroupController> load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ControllerCatalog.class.getClassLoader();
        }
        List<CgroupController> found = new ArrayList<>();
        try {
            ServiceLoader.load(CgroupController.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw ContedorException.runtime("a cgroup controller could not be loaded: " + e.getMessage(), e);
        }
        return of(found);
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
