/** Pressure stall information of cgroup2 folders. */
package dev.contedor.cgroups.pressure;
