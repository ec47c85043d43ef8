/** Which cgroup hierarchies the host has and which owns each controller, read from /proc. */
package dev.contedor.cgroups.layout;
