package dev.contedor.cgroups.controller;

import dev.contedor.api.error.ContedorException;
import dev.contedor.cgroups.controller.hugetlb.HugetlbController;
import dev.contedor.cgroups.fake.RecordingDirectory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.contedor.api.cgroup.CgroupVersion.V1;
import static dev.contedor.api.cgroup.CgroupVersion.V2;
import static dev.contedor.cgroups.fake.Limits.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HugetlbControllerTest {
    private final HugetlbController hugetlb = new HugetlbController();

    @Test
    void v1LimitInBytesPerPageSize() {
        RecordingDirectory d = new RecordingDirectory(V1, "hugetlb.2MB.limit_in_bytes", "hugetlb.1GB.limit_in_bytes");
        hugetlb.apply(limits().hugepages("2MB", 4194304).hugepages("1gb", 0).build(), d);
        assertEquals(List.of("hugetlb.2MB.limit_in_bytes = 4194304", "hugetlb.1GB.limit_in_bytes = 0"), d.writes());
    }

    @Test
    void v2MaxPerPageSize() {
        RecordingDirectory d = new RecordingDirectory(V2, "hugetlb.2MB.max");
        hugetlb.apply(limits().hugepages("2M", 4194304).build(), d);
        assertEquals(List.of("hugetlb.2MB.max = 4194304"), d.writes());
    }

    @Test
    void aPageSizeTheHostLacksIsAClearError() {
        RecordingDirectory d = new RecordingDirectory(V2, "hugetlb.2MB.max");
        ContedorException e = assertThrows(ContedorException.class,
                () -> hugetlb.apply(limits().hugepages("16GB", 1).build(), d));
        assertTrue(e.getMessage().contains("no huge pages of that size (no hugetlb.16GB.max"), e.getMessage());
    }
}
