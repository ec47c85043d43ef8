package dev.contedor.api.launch;

/** The argument checks the catalogue's steps share. */
final class Checks {
    /** Matches the stage's {@code MAX_SLOTS}. */
    static final int MAX_SLOTS = 64;

    private Checks() {
    }

    static void text(String what, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new InvalidLaunchOpException(what + ": a NUL character in " + value.replace('\0', '?')
                    + "; the stage passes strings to the kernel, which ends them at NUL");
        }
    }

    static void absolute(String what, String path) {
        text(what, path);
        if (!path.startsWith("/")) {
            throw new InvalidLaunchOpException(what + " " + path + ": the path must be absolute (start with /)");
        }
    }

    static void mode(String what, int mode) {
        if (mode < 0 || mode > 07777) {
            throw new InvalidLaunchOpException(what + ": mode " + Integer.toOctalString(mode)
                    + " is not a permission mode (0 to 07777)");
        }
    }

    static void slot(int slot) {
        if (slot < 0 || slot >= MAX_SLOTS) {
            throw new InvalidLaunchOpException("held bind mount #" + slot + ": slots go from 0 to " + (MAX_SLOTS - 1)
                    + "; hold fewer host paths");
        }
    }

    static void name(String what, String name) {
        text(what, name);
        if (name.isEmpty() || name.length() > 64) {
            throw new InvalidLaunchOpException(what + " '" + name + "': give 1 to 64 characters, as the kernel allows");
        }
    }
}
