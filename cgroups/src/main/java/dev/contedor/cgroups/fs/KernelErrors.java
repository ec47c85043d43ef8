package dev.contedor.cgroups.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The kernel's words for a failed file operation ({@code Invalid argument}), as the JDK reports them. */
public final class KernelErrors {
    private KernelErrors() {
    }

    public static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> reasonOr(n, "No such file or directory");
            case AccessDeniedException a -> reasonOr(a, "Permission denied");
            case FileAlreadyExistsException f -> reasonOr(f, "File exists");
            case DirectoryNotEmptyException d -> reasonOr(d, "Directory not empty");
            case NotDirectoryException d -> reasonOr(d, "Not a directory");
            case FileSystemException f -> reasonOr(f, f.getMessage());
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }

    /** Whether rmdir failed because the cgroup still has tasks or children ({@code EBUSY}). */
    public static boolean isBusy(IOException e) {
        if (e instanceof DirectoryNotEmptyException) {
            return true;
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return reason != null && reason.contains("Device or resource busy");
    }

    private static String reasonOr(FileSystemException e, String fallback) {
        return e.getReason() != null ? e.getReason() : fallback;
    }
}
