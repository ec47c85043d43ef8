package dev.contedor.runtime.spec;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.rootfs.ContainerRootfs;
import dev.contedor.api.spec.User;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code -u/--user} and an image's {@code User}: {@code user[:group]}, each a name or a
 * number, resolved as docker does against the container's own {@code /etc/passwd} and
 * {@code /etc/group} (never the host's): a name must exist; a number need not, and then its
 * group is 0; the user's primary group comes from its passwd line, its supplementary groups
 * from the group file, its home from passwd.
 */
public final class ContainerUser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*\\$?");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,10}");

    /** The identity and, when passwd names one, the home folder. */
    public record Resolved(User user, Optional<String> home) {
    }

    private record Spec(String user, Optional<String> group) {
    }

    private record Entry(String name, int id, int gid, String home, List<String> members) {
    }

    private ContainerUser() {
    }

    /** Checks the syntax only (before the root filesystem exists). */
    public static void check(String what, String text) {
        parse(what, text);
    }

    /**
     * @param what names the value in errors, e.g. {@code --user} or {@code the image's user}
     */
    public static Resolved resolve(String what, String text, ContainerRootfs rootfs) {
        Spec spec = parse(what, text);
        List<Entry> passwd = read(rootfs, "/etc/passwd", false);
        List<Entry> groups = read(rootfs, "/etc/group", true);

        Optional<Entry> entry;
        int uid;
        if (isNumber(spec.user())) {
            uid = number(what, text, spec.user());
            entry = passwd.stream().filter(e -> e.id() == uid).findFirst();
        } else {
            entry = passwd.stream().filter(e -> e.name().equals(spec.user())).findFirst();
            if (entry.isEmpty()) {
                throw ContedorException.runtime(what + " " + text + ": no user " + spec.user()
                        + " in the container's /etc/passwd; give a numeric UID[:GID] or a user the image has");
            }
            uid = entry.get().id();
        }
        int gid;
        if (spec.group().isPresent()) {
            String group = spec.group().get();
            if (isNumber(group)) {
                gid = number(what, text, group);
            } else {
                gid = groups.stream().filter(g -> g.name().equals(group)).findFirst().map(Entry::id)
                        .orElseThrow(() -> ContedorException.runtime(what + " " + text + ": no group " + group
                                + " in the container's /etc/group; give a numeric GID or a group the image has"));
            }
        } else {
            gid = entry.map(Entry::gid).orElse(0);
        }
        List<Integer> additional = new ArrayList<>();
        entry.ifPresent(e -> groups.stream()
                .filter(g -> g.members().contains(e.name()) && g.id() != gid && !additional.contains(g.id()))
                .forEach(g -> additional.add(g.id())));
        return new Resolved(new User(uid, gid, additional), entry.map(Entry::home).filter(h -> !h.isEmpty()));
    }

    private static Spec parse(String what, String text) {
        String[] parts = text.split(":", -1);
        boolean valid = parts.length <= 2;
        for (String part : parts) {
            valid &= NUMBER.matcher(part).matches() || NAME.matcher(part).matches();
        }
        if (!valid) {
            throw ContedorException.runtime(what + " " + text + ": give USER or USER:GROUP, each a name or a number "
                    + "(e.g. 1000, 1000:1000, nobody, www-data:www-data)");
        }
        return new Spec(parts[0], parts.length == 2 ? Optional.of(parts[1]) : Optional.empty());
    }

    private static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    private static int number(String what, String text, String s) {
        long n = Long.parseLong(s);
        if (n > Integer.MAX_VALUE) {
            throw ContedorException.runtime(what + " " + text + ": " + s + " is above the largest id (2147483647)");
        }
        return (int) n;
    }

    /** passwd (name:x:uid:gid:gecos:home:shell) or group (name:x:gid:members) lines; a missing file is empty. */
    private static List<Entry> read(ContainerRootfs rootfs, String file, boolean group) {
        Optional<Path> path = rootfs.file(file);
        if (path.isEmpty()) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ContedorException.runtime("cannot read the container's " + file + " (" + path.get() + "): "
                    + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (line.startsWith("#") || f.length < (group ? 4 : 7) || !isNumber(f[2])
                    || (!group && !isNumber(f[3]))) {
                continue; // comments, NIS "+" lines, damaged lines: skipped as libc does
            }
            try {
                int id = Integer.parseInt(f[2]);
                entries.add(group
                        ? new Entry(f[0], id, id, "", f[3].isEmpty() ? List.of() : List.of(f[3].split(",")))
                        : new Entry(f[0], id, Integer.parseInt(f[3]), f[5], List.of()));
            } catch (NumberFormatException e) {
                // an id beyond int: not a usable entry
            }
        }
        return entries;
    }
}
