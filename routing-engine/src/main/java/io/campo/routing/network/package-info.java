/**
 * The road network: OSM import into GraphHopper with one contraction hierarchy per travel
 * profile, the graph cache, and snapping of named points to roads. Entry point: {@link io.campo.routing.network.RoadNetwork}.
 */
package io.campo.routing.network;
