package dev.contedor.runtime.spec;

import dev.contedor.api.error.ContedorException;
import dev.contedor.api.spec.User;

import java.util.List;

/** Reads {@code -u}/{@code --user} and an image's {@code User}: {@code UID} or {@code UID:GID}. */
public final class UserFlag {
    private UserFlag() {
    }

    /**
     * @param what names the value in the error, e.g. {@code --user} or {@code the image's user}
     */
    public static User parse(String what, String text) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            int uid = Integer.parseInt(parts[0]);
            int gid = parts.length == 2 ? Integer.parseInt(parts[1]) : uid;
            if (uid < 0 || gid < 0) {
                throw new NumberFormatException();
            }
            return new User(uid, gid, List.of());
        } catch (NumberFormatException e) {
            throw ContedorException.runtime(what + " " + text + ": give a numeric UID or UID:GID (user names are not "
                    + "looked up in the container's /etc/passwd yet)" + (what.startsWith("-") ? ""
                    : "; override it with -u UID[:GID]"));
        }
    }
}
