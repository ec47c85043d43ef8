package dev.contedor.api.launch;

import dev.contedor.api.spec.DockerDefaults;
import dev.contedor.api.spec.MountSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountFlagsTest {
    // mount(2) flag values from <sys/mount.h>: the stage passes them to the kernel as they are
    private static final long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_REMOUNT = 32,
            MS_BIND = 4096, MS_REC = 16384, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20,
            MS_STRICTATIME = 1 << 24;

    @Test
    void flagWordsBecomeFlagsAndTheRestIsData() {
        MountFlags.Parsed p = MountFlags.parse(List.of("nosuid", "ro", "mode=755"));
        assertEquals(MS_NOSUID | MS_RDONLY, p.flags());
        assertEquals("mode=755", p.data());
    }

    @Test
    void dataWordsKeepTheirOrderJoinedByCommas() {
        MountFlags.Parsed p = MountFlags.parse(List.of("mode=0620", "nosuid", "gid=5", "noexec", "newinstance"));
        assertEquals(MS_NOSUID | MS_NOEXEC, p.flags());
        assertEquals("mode=0620,gid=5,newinstance", p.data());
    }

    @Test
    void constantsAreTheKernelValues() {
        assertEquals(MS_RDONLY, MountFlags.RDONLY);
        assertEquals(MS_NOSUID, MountFlags.NOSUID);
        assertEquals(MS_NODEV, MountFlags.NODEV);
        assertEquals(MS_NOEXEC, MountFlags.NOEXEC);
        assertEquals(MS_REMOUNT, MountFlags.REMOUNT);
        assertEquals(MS_BIND, MountFlags.BIND);
        assertEquals(MS_REC, MountFlags.REC);
        assertEquals(MS_PRIVATE, MountFlags.PRIVATE);
        assertEquals(MS_SLAVE, MountFlags.SLAVE);
        assertEquals(MS_SHARED, MountFlags.SHARED);
        assertEquals(MS_STRICTATIME, MountFlags.STRICTATIME);
    }

    @Test
    void recursiveWordsAddRec() {
        assertEquals(new MountFlags.Parsed(MS_BIND | MS_REC, ""), MountFlags.parse(List.of("rbind")));
        assertEquals(new MountFlags.Parsed(MS_BIND, ""), MountFlags.parse(List.of("bind")));
        assertEquals(MS_PRIVATE | MS_REC, MountFlags.parse(List.of("rprivate")).flags());
        assertEquals(MS_SLAVE | MS_REC, MountFlags.parse(List.of("rslave")).flags());
        assertEquals(MS_SHARED | MS_REC, MountFlags.parse(List.of("rshared")).flags());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw", "suid", "dev", "exec", "atime", "diratime"})
    void defaultWordsAreNeitherFlagsNorData(String word) {
        assertEquals(new MountFlags.Parsed(0, ""), MountFlags.parse(List.of(word)));
        // and they clear nothing set by another word
        assertEquals(new MountFlags.Parsed(MS_NOSUID | MS_NODEV, ""), MountFlags.parse(List.of("nosuid", word, "nodev")));
    }

    @Test
    void noOptionsMeansNoFlagsNoData() {
        assertEquals(new MountFlags.Parsed(0, ""), MountFlags.parse(List.of()));
    }

    @Test
    void dockerDefaultMountsParseAsDockerPassesThem() {
        MountSpec pts = DockerDefaults.MOUNTS.stream().filter(m -> m.destination().equals("/dev/pts")).findFirst().orElseThrow();
        MountFlags.Parsed p = MountFlags.parse(pts.options());
        assertEquals(MS_NOSUID | MS_NOEXEC, p.flags());
        assertEquals("newinstance,ptmxmode=0666,mode=0620,gid=5", p.data());

        MountSpec sys = DockerDefaults.MOUNTS.stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow();
        assertEquals(MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, MountFlags.parse(sys.options()).flags());
    }

    @Test
    void describeGivesOptionWords() {
        assertEquals("", MountFlags.describe(0));
        assertEquals("bind", MountFlags.describe(MS_BIND));
        assertEquals("rbind", MountFlags.describe(MS_BIND | MS_REC));
        assertEquals("rprivate", MountFlags.describe(MS_PRIVATE | MS_REC));
        assertEquals("private", MountFlags.describe(MS_PRIVATE));
        List<String> words = List.of(MountFlags.describe(MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY).split(","));
        assertEquals(4, words.size(), words::toString);
        assertTrue(words.containsAll(List.of("nosuid", "nodev", "noexec", "ro")), words::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ro", "nosuid", "nodev", "noexec", "remount", "bind", "rbind", "strictatime",
            "private", "rprivate", "slave", "rslave"})
    void describedWordsParseBackToTheSameFlags(String word) {
        long flags = MountFlags.parse(List.of(word)).flags();
        String described = MountFlags.describe(flags);
        assertEquals(flags, MountFlags.parse(List.of(described.split(","))).flags(), word + " described as " + described);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared", "rshared", "noatime", "nodiratime", "relatime"})
    void describeKnowsEveryFlagParseKnows(String word) {
        long flags = MountFlags.parse(List.of(word)).flags();
        String described = MountFlags.describe(flags);
        assertEquals(flags, MountFlags.parse(List.of(described.split(","))).flags(), word + " described as '" + described + "'");
    }

    @Test
    void mountOpDescriptionShowsFlagsAndData() {
        String d = new LaunchOp.Mount("tmpfs", "/dev", "tmpfs", MS_NOSUID, "mode=755").describe();
        assertTrue(d.contains("/dev"), d);
        assertTrue(d.contains("nosuid,mode=755"), d);
    }
}
