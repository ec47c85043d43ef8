package dev.contedor.it;

import dev.contedor.rootfs.TreeSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A container of the three-layer test image (see {@link TestImages}) sees the layers merged
 * with their whiteouts applied, writes only into a layer of its own, and leaves the image
 * and the host as they were: with overlayfs (mounted inside the container's mount namespace
 * only) and with {@code CONTEDOR_STORAGE_DRIVER=vfs} (a copy).
 */
class ImageLayersTest extends ImageEndToEndTest {
    /** The file system type of the container's {@code /}, from its own mountinfo. */
    private static final String ROOT_TYPE =
            "awk '$5 == \"/\" { for (i = 7; i <= NF; i++) if ($i == \"-\") { print $(i + 1); exit } }' /proc/self/mountinfo";

    private Contedor withDriver(String driver) throws IOException {
        if (driver.equals("overlay")) {
            assertTrue(Files.readString(Path.of("/proc/filesystems")).contains("\toverlay"), "the kernel has no overlayfs: modprobe overlay");
        }
        return contedor.withEnv(STORAGE_DRIVER, driver);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overlay", "vfs"})
    void whiteoutsDeleteAndOpaqueFoldersHideTheLowerLayersEntries(String driver) throws IOException {
        importImage(TestImages.busybox("layers:1").writeOciTar(archives.resolve("layers.tar")));

        Contedor.Result r = withDriver(driver).run("run", "--rm", "layers:1", "--", "sh", "-c",
                "ls -A /data; ls -A /opaque; "
                        + "test -e /data/gone.txt && echo gone.txt-present; "
                        + "test -e /data/doomed-in-2.txt && echo doomed-present; "
                        + "test -e /olddir && echo olddir-present; "
                        + "test -e /opaque/sub && echo sub-present; "
                        + "cat /etc/motd /data/keep.txt /opaque/upper-own; "
                        + "find / -xdev -name '.wh.*' | wc -l; " + ROOT_TYPE);
        assertEquals(0, r.exitCode(), r.toString());
        List<String> expected = new ArrayList<>(TestImages.MERGED_LISTING);
        expected.addAll(List.of("layer 2", "kept", "layer 1", "0", driver.equals("overlay") ? "overlay" : "ext4"));
        List<String> lines = r.out().lines().map(String::strip).toList();
        if (driver.equals("vfs")) {
            // the copy lies on the data folder's own file system, whatever it is
            expected.set(expected.size() - 1, lines.getLast());
            assertFalse(lines.getLast().equals("overlay"), "vfs copies, it mounts no overlay: " + r);
        }
        assertEquals(expected, lines, r.toString());
        assertEquals("", r.err(), "asking for vfs gives no warning");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overlay", "vfs"})
    void aContainerWritesIntoItsOwnLayerOnlyAndTheHostSeesNoMount(String driver) throws IOException {
        importImage(TestImages.busybox("cow:1").writeOciTar(archives.resolve("cow.tar")));
        Contedor runtime = withDriver(driver);
        Path layers = data.resolve("images/layers");
        Map<String, String> layersBefore = TreeSnapshot.of(layers, null);
        List<String> hostMountsBefore = LeakCheck.hostMounts();

        Running writer = Running.start(runtime, "run", "-i", "cow:1", "--", "sh", "-c",
                "echo changed > /etc/motd && rm /data/keep.txt && rm -r /opaque && rm /bin/vi "
                        + "&& echo new > /created && mkdir -p /usr/local/made && echo written; read x; echo bye");
        try {
            assertEquals("written", writer.readLine());

            // while it runs: its layer is the only one, holds what it wrote, and nothing is mounted on the host
            String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
            assertFalse(mountinfo.contains(data.toString()), "no mount of the container's root on the host:\n" + mountinfo);
            assertEquals(hostMountsBefore, LeakCheck.hostMounts());
            List<Path> own = containerLayers();
            assertEquals(1, own.size(), own.toString());
            Path writes = own.getFirst().resolve("upper"); // overlayfs's upper, or the vfs copy
            assertEquals("new\n", Files.readString(writes.resolve("created")), "the container's writes land in its layer");
            assertEquals("changed\n", Files.readString(writes.resolve("etc/motd")));
            if (driver.equals("overlay")) {
                try (var mountPoint = Files.list(data.resolve("containers/.mountpoint"))) {
                    assertEquals(0, mountPoint.count(), "the overlay is mounted in the container's namespace only");
                }
            }
            assertEquals(layersBefore, TreeSnapshot.of(layers, null), "the image's layers are not written to");

            // a second container of the same image, at the same time, sees the image as it is
            Contedor.Result other = runtime.run("run", "--rm", "cow:1", "--", "sh", "-c",
                    "cat /etc/motd; ls -A /data | tr '\\n' ' '; echo; ls -A /opaque | tr '\\n' ' '; echo; "
                            + "test -e /created && echo created; test -e /bin/vi && echo vi; test -e /usr/local/made && echo made; true");
            assertEquals(0, other.exitCode(), other.toString());
            assertEquals(List.of("layer 2", "from-1.txt keep.txt ", "from-2 upper-own ", "vi"), other.out().lines().toList());

            Contedor.Result end = writer.finish();
            assertEquals(0, end.exitCode(), end.toString());
            assertEquals("bye\n", end.out());
        } finally {
            writer.process().descendants().forEach(ProcessHandle::destroyForcibly);
            writer.process().destroyForcibly();
        }

        assertEquals(List.of(), containerLayers(), "DATA/containers is empty once the containers are gone");
        assertEquals(layersBefore, TreeSnapshot.of(layers, null));
        // and the next container starts from the image again
        Contedor.Result after = runtime.run("run", "--rm", "cow:1", "--", "sh", "-c", "cat /etc/motd /data/keep.txt; test -e /created || echo clean");
        assertEquals(0, after.exitCode(), after.toString());
        assertEquals(List.of("layer 2", "kept", "clean"), after.out().lines().toList());
        assertTrue(containerLayers().isEmpty());
    }
}
