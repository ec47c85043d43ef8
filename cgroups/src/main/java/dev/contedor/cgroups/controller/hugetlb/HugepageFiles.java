package dev.contedor.cgroups.controller.hugetlb;

import dev.contedor.api.cgroup.CgroupDirectory;
import dev.contedor.api.cgroup.Resources;
import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.controller.LimitWriter;

import java.util.Locale;

/** How page sizes are spelt in hugetlb file names, and a clear error for a size the host lacks. */
final class HugepageFiles {
    private HugepageFiles() {
    }

    /** The kernel's spelling: {@code 2MB}, {@code 1GB}, {@code 64KB} (docker's {@code 2mb} accepted). */
    static String pageSize(Resources.HugepageLimit limit) {
        String size = limit.pageSize().strip().toUpperCase(Locale.ROOT);
        return size.matches("\\d+[KMG]") ? size + "B" : size;
    }

    static void write(CgroupDirectory directory, Resources.HugepageLimit limit, String file, String value) {
        if (directory.read(file).isEmpty()) {
            throw ContedorException.runtime("hugepage limit " + limit.pageSize() + ": this host has no huge pages of"
                    + " that size (no " + file + " in " + directory.path() + ")");
        }
        LimitWriter.write(directory, "hugepage limit " + limit.pageSize(), file, value);
    }
}
