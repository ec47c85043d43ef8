package dev.contedor.api.spec;

import java.util.List;

/** The identity the container's command runs as. */
public record User(int uid, int gid, List<Integer> additionalGids) {
    public static final User ROOT = new User(0, 0, List.of());

    public User {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative");
        }
        additionalGids = List.copyOf(additionalGids);
    }
}
