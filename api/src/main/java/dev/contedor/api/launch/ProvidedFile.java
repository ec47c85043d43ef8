package dev.contedor.api.launch;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file the runtime writes on the host before launch and the child bind-mounts into the
 * container (/etc/hostname, /etc/hosts, /etc/resolv.conf, ...).
 */
public record ProvidedFile(String containerPath, Path hostPath, byte[] content) {
    public ProvidedFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProvidedFile f && f.containerPath.equals(containerPath) && f.hostPath.equals(hostPath)
                && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return containerPath.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "ProvidedFile[" + containerPath + " from " + hostPath + "]";
    }
}
