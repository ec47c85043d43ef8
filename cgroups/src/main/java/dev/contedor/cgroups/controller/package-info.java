/**
 * One controller per resource, each mapping docker's limits to its v1 and v2 files and
 * reading its usage back; what they tell the drivers beyond the SPI.
 */
package dev.contedor.cgroups.controller;
