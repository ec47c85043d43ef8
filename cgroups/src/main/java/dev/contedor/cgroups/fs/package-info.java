/** cgroup folders and control files: writes that say what failed, the kernel's file formats, making and removing folders. */
package dev.contedor.cgroups.fs;
