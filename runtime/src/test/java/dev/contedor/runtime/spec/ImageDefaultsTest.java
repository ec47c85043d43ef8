package dev.contedor.runtime.spec;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.rootfs.ContainerRootfs;
import dev.contedor.api.rootfs.ImageDefaults;
import dev.contedor.api.rootfs.Overlay;
import dev.contedor.api.rootfs.RootfsSource;
import dev.contedor.api.spec.ContainerSpec;
import dev.contedor.api.spec.User;
import dev.contedor.api.state.ContainerState;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an image's config fills what the user left out, as docker does. */
class ImageDefaultsTest {
    private static final String ID = "0123456789abcdef".repeat(4);
    private static final String IMAGE_ID = "fedcba9876543210".repeat(4);
    private static final ImageDefaults NGINXISH = new ImageDefaults(List.of("/docker-entrypoint.sh"),
            List.of("nginx", "-g", "daemon off;"), List.of("PATH=/opt/bin:/bin", "NGINX_VERSION=1.25"),
            Optional.of("/srv"), Optional.of("101:102"));

    private static RunRequest request(List<String> command, Optional<String> entrypoint, Optional<String> user,
                                      Optional<String> workdir, List<String> env) {
        return RunRequest.builder(new RootfsSource.Image("web:1")).command(command).env(env).workdir(workdir)
                .user(user).entrypoint(entrypoint).build();
    }

    private static ContainerSpec create(RunRequest request, ImageDefaults defaults) {
        ContainerRootfs rootfs = new ContainerRootfs(Path.of("/data/containers/x/rootfs"),
                Optional.of(new Overlay(List.of(Path.of("/data/images/layers/a")), Path.of("/data/containers/x/upper"),
                        Path.of("/data/containers/x/work"))), defaults, Optional.of(IMAGE_ID));
        return SpecFactory.create(ID, rootfs, SpecFactory.check(request, SpecFactoryTest.HOST));
    }

    @Test
    void theImagesEntrypointAndCmdRunWhenNoCommandIsGiven() {
        ContainerSpec spec = create(request(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of()),
                NGINXISH);
        assertEquals(List.of("/docker-entrypoint.sh", "nginx", "-g", "daemon off;"), spec.process().args());
        assertEquals("/srv", spec.process().cwd());
        assertEquals(new User(101, 102, List.of()), spec.process().user());
        assertTrue(spec.process().env().contains("PATH=/opt/bin:/bin"), spec.process().env().toString());
        assertTrue(spec.process().env().contains("NGINX_VERSION=1.25"), spec.process().env().toString());
        assertEquals(IMAGE_ID, spec.annotations().get(ContainerState.IMAGE));
        assertTrue(spec.root().overlay().isPresent());
    }

    @Test
    void aGivenCommandReplacesCmdButKeepsTheEntrypoint() {
        ContainerSpec spec = create(request(List.of("nginx", "-t"), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of()), NGINXISH);
        assertEquals(List.of("/docker-entrypoint.sh", "nginx", "-t"), spec.process().args());
    }

    @Test
    void entrypointFlagReplacesTheEntrypointAndDropsCmd() {
        ContainerSpec spec = create(request(List.of(), Optional.of("/bin/sh"), Optional.empty(), Optional.empty(),
                List.of()), NGINXISH);
        assertEquals(List.of("/bin/sh"), spec.process().args());
        ContainerSpec cleared = create(request(List.of("ls", "/"), Optional.of(""), Optional.empty(), Optional.empty(),
                List.of()), NGINXISH);
        assertEquals(List.of("ls", "/"), cleared.process().args());
    }

    @Test
    void flagsWinOverTheImage() {
        ContainerSpec spec = create(request(List.of("id"), Optional.empty(), Optional.of("0"), Optional.of("/tmp"),
                List.of("NGINX_VERSION=2")), NGINXISH);
        assertEquals(User.ROOT, spec.process().user());
        assertEquals("/tmp", spec.process().cwd());
        assertTrue(spec.process().env().contains("NGINX_VERSION=2"), spec.process().env().toString());
        assertEquals(1, spec.process().env().stream().filter(e -> e.startsWith("NGINX_VERSION=")).count());
    }

    @Test
    void anImageWithoutCommandNeedsOneAndSaysHow() {
        ContedorException e = assertThrows(ContedorException.class, () -> create(
                request(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of()), ImageDefaults.NONE));
        assertTrue(e.getMessage().contains("web:1") && e.getMessage().contains("contedor run web:1 --"), e.getMessage());
    }

    @Test
    void anImageUserNameMissingFromPasswdIsRefusedWithTheWayOut() {
        ImageDefaults named = new ImageDefaults(List.of(), List.of("sh"), List.of(), Optional.empty(),
                Optional.of("nginx"));
        ContedorException e = assertThrows(ContedorException.class, () -> create(
                request(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of()), named));
        assertTrue(e.getMessage().contains("nginx") && e.getMessage().contains("/etc/passwd"), e.getMessage());
        ContainerSpec overridden = create(request(List.of(), Optional.empty(), Optional.of("5:5"),
                Optional.empty(), List.of()), named);
        assertEquals(5, overridden.process().user().uid());
    }
}
