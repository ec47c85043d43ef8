/**
 * Host facts contedor's built-in modules share: {@link dev.contedor.host.MountInfo},
 * {@link dev.contedor.host.ProcessCredentials}, {@link dev.contedor.host.HostWarnings}.
 * Engine helpers, not SPI: an external plugin's class loader does not see them.
 */
package dev.contedor.host;
