/**
 * contedor's cgroups: v1, v2 and hybrid hosts. The runtime sees this module only as a plugin,
 * {@link dev.contedor.cgroups.CgroupsPlugin}: {@link dev.contedor.cgroups.isolation.CgroupIsolator} (an Isolator),
 * {@link dev.contedor.cgroups.service.CgroupsService} (ContainerCgroups) and one
 * CgroupController per resource.
 */
package dev.contedor.cgroups;
