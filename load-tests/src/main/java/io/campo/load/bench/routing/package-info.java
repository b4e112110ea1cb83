/**
 * Benchmarks of routing-engine: the solver core on the literature's instances ({@code vrptw}:
 * Solomon; {@code optw}: Vansteenwegen's orienteering with time windows), the travel-time matrix
 * ({@code matrix}) and a whole day plan on a road network ({@code plan}).
 */
package io.campo.load.bench.routing;
