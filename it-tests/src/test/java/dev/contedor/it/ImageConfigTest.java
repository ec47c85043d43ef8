package dev.contedor.it;

import dev.contedor.rootfs.image.fixture.ImageArchiveFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image's configuration fills what the user does not give, as docker does: entrypoint
 * then command, environment, working folder, user (names from the image's own passwd); {@code -e}, {@code -w}, {@code -u}
 * and {@code --entrypoint} override it. The image runs {@code /app/entry.sh} (see
 * {@link TestImages#configured}), which prints its arguments, $GREETING, its folder and ids.
 */
class ImageConfigTest extends ImageEndToEndTest {
    @BeforeEach
    void importConfiguredImage() throws IOException {
        importImage(TestImages.configured("configured:1").writeOciTar(archives.resolve("configured.tar")));
    }

    private List<String> lines(String... runArgs) {
        Contedor.Result r = contedor.run(runArgs);
        assertEquals(0, r.exitCode(), r.toString());
        return r.out().lines().toList();
    }

    @Test
    void withoutACommandTheImagesEntrypointRunsWithItsCmdEnvFolderAndUser() {
        assertEquals(List.of("args=default-arg", "greeting=from-image", "pwd=/data", "user=1000:1000"),
                lines("run", "--rm", "configured:1"));
        // arguments replace the Cmd, not the entrypoint, with or without --
        assertEquals(List.of("args=one two", "greeting=from-image", "pwd=/data", "user=1000:1000"),
                lines("run", "--rm", "configured:1", "one", "two"));
        assertEquals("args=three", lines("run", "--rm", "configured:1", "--", "three").getFirst());
    }

    @Test
    void flagsOverrideTheImage() {
        assertEquals(List.of("args=default-arg", "greeting=from-flag", "pwd=/app", "user=0:0"),
                lines("run", "--rm", "-e", "GREETING=from-flag", "-w", "/app", "-u", "0:0", "configured:1"));
        assertEquals("user=65534:65534", lines("run", "--rm", "-u", "65534:65534", "configured:1").get(3));

        // --entrypoint replaces the entrypoint and drops the image's Cmd
        assertEquals(List.of(""), lines("run", "--rm", "--entrypoint", "/bin/echo", "configured:1"),
                "the image's Cmd (default-arg) is not given to another entrypoint");
        assertEquals(List.of("hi there"), lines("run", "--rm", "--entrypoint", "/bin/echo", "configured:1", "--", "hi", "there"));
        // "" clears it: the command alone runs, still with the image's environment, folder and user
        assertEquals(List.of("from-image /bin:/usr/bin /data 1000"),
                lines("run", "--rm", "--entrypoint", "", "configured:1", "--", "sh", "-c", "echo $GREETING $PATH $(pwd) $(id -u)"));
    }

    @Test
    void userNamesAreLookedUpInTheImagesOwnPasswdAndGroup() throws IOException {
        ImageArchiveFixture named = TestImages.busybox("named:1").user("nobody");
        importImage(named.writeOciTar(archives.resolve("named.tar")));
        // the image's User: its passwd line gives uid, gid and home
        assertEquals(List.of("65534 65534 /"), lines("run", "--rm", "named:1", "--", "sh", "-c",
                "echo $(id -u) $(id -g) $HOME"));
        // -u by name and group by name; a bare number not in passwd gets group 0, as in docker
        assertEquals(List.of("0 65534"), lines("run", "--rm", "-u", "root:nogroup", "named:1", "--", "sh", "-c",
                "echo $(id -u) $(id -g)"));
        assertEquals(List.of("4242 0"), lines("run", "--rm", "-u", "4242", "named:1", "--", "sh", "-c",
                "echo $(id -u) $(id -g)"));

        ImageArchiveFixture ghost = TestImages.busybox("ghost:1").user("ghost");
        importImage(ghost.writeOciTar(archives.resolve("ghost.tar")));
        Contedor.Result r = contedor.run("run", "--rm", "ghost:1", "--", "id", "-u");
        assertEquals(125, r.exitCode(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains("ghost") && r.err().contains("/etc/passwd"), "names the user and the file: " + r);
        assertEquals(List.of(), containerLayers());
        assertEquals(List.of("65534"), lines("run", "--rm", "-u", "65534", "ghost:1", "--", "id", "-u"));
    }
}
