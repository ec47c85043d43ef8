package dev.contedor.rootfs.image.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MountPointsTest {
    private static final List<String> MOUNTINFO = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "23 22 0:5 / /proc rw,nosuid shared:12 - proc proc rw",
            "90 22 0:5 / /var/lib/contedor/images/tmp/bootstrap-1/proc rw - proc proc rw",
            "91 22 0:6 / /var/lib/contedor/images/tmp/bootstrap-1/sys rw - sysfs sysfs rw",
            "92 22 0:7 /null /var/lib/contedor/images/tmp/bootstrap-1/dev/null rw - devtmpfs udev rw",
            "93 22 0:8 / /var/lib/contedor/images/tmp/bootstrap-12/proc rw - proc proc rw",
            "94 22 0:9 / /var/lib/contedor/images/tmp/bootstrap-1/with\\040space rw - tmpfs t rw");

    @Test
    void mountsBelowTheFolderDeepestFirst() {
        List<Path> found = MountPoints.under(Path.of("/var/lib/contedor/images/tmp/bootstrap-1"), MOUNTINFO);
        assertEquals(List.of(
                Path.of("/var/lib/contedor/images/tmp/bootstrap-1/dev/null"),
                Path.of("/var/lib/contedor/images/tmp/bootstrap-1/proc"),
                Path.of("/var/lib/contedor/images/tmp/bootstrap-1/sys"),
                Path.of("/var/lib/contedor/images/tmp/bootstrap-1/with space")), found);
    }

    @Test
    void nothingWhenNothingIsMounted() {
        assertEquals(List.of(), MountPoints.under(Path.of("/srv/empty"), MOUNTINFO));
    }

    @Test
    void octalEscapes() {
        assertEquals("a b\tc\\d", dev.contedor.host.MountInfo.unescape("a\\040b\\011c\\134d"));
        assertEquals("plain", dev.contedor.host.MountInfo.unescape("plain"));
        assertEquals("trailing\\04", dev.contedor.host.MountInfo.unescape("trailing\\04"));
    }
}
