/** A container's cgroups on each layout: where its folders are, how they are made, and the operations on them. */
package dev.contedor.cgroups.driver;
