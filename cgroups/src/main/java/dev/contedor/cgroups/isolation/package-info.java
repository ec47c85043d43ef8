/** The isolator that gives every container its cgroups and explains exits caused by limits. */
package dev.contedor.cgroups.isolation;
