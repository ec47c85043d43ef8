/** Signals to host processes (kill-all). */
package dev.contedor.cgroups.signal;
