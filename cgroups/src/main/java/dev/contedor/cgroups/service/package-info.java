/** Stats, freeze, thaw and kill-all for the lifecycle and metrics. */
package dev.contedor.cgroups.service;
