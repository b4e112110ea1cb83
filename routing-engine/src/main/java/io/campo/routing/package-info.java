/** Roads and routes for Campo: OSM import, snapping, travel-time matrices and day planning. */
package io.campo.routing;
