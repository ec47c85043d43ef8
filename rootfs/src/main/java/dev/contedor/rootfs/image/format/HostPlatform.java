package dev.contedor.rootfs.image.format;

import java.util.Locale;

/**
 * The platform of this machine in the spelling of OCI image indexes (Go's GOARCH), which
 * differs from Java's {@code os.arch} ({@code x86_64} vs {@code amd64}, {@code aarch64} vs
 * {@code arm64}).
 */
public final class HostPlatform {
    private HostPlatform() {
    }

    /** The host's architecture as OCI names it, e.g. {@code amd64}. */
    public static String architecture() {
        return ociArchitecture(System.getProperty("os.arch", ""));
    }

    /** Java's {@code os.arch} value in OCI's spelling; unknown values pass through. */
    public static String ociArchitecture(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "arm", "arm32" -> "arm";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> javaArch;
        };
    }
}
