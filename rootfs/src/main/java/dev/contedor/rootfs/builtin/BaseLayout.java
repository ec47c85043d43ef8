package dev.contedor.rootfs.builtin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every built root filesystem has besides its programs: the mount points the runtime
 * needs, a world-writable /tmp, and the user and group databases so that {@code id} and
 * {@code ps} show names and {@code --user nobody} resolves.
 */
public final class BaseLayout {
    /** Folders and their modes; the mode is applied explicitly so the umask does not matter. */
    private static final Map<String, Integer> DIRECTORIES = directories();

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
            """;
    static final String GROUP = """
            root:x:0:
            tty:x:5:
            nogroup:x:65534:
            """;

    private BaseLayout() {
    }

    private static Map<String, Integer> directories() {
        Map<String, Integer> d = new LinkedHashMap<>();
        for (String name : new String[] {"bin", "dev", "etc", "proc", "run", "sys", "usr", "usr/bin", "var"}) {
            d.put(name, 0755);
        }
        d.put("root", 0700);
        d.put("tmp", 01777);
        return d;
    }

    /** Creates the folders and writes etc/passwd and etc/group (replacing them) under {@code root}. */
    public static void apply(Path root) throws IOException {
        Files.createDirectories(root);
        for (Map.Entry<String, Integer> e : DIRECTORIES.entrySet()) {
            Path dir = root.resolve(e.getKey());
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir);
            }
            Files.setAttribute(dir, "unix:mode", e.getValue(), LinkOption.NOFOLLOW_LINKS);
        }
        writeFile(root.resolve("etc/passwd"), PASSWD);
        writeFile(root.resolve("etc/group"), GROUP);
    }

    private static void writeFile(Path file, String content) throws IOException {
        Files.deleteIfExists(file); // never write through a link that happens to be there
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setAttribute(file, "unix:mode", 0644, LinkOption.NOFOLLOW_LINKS);
    }
}
