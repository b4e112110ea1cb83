/** The synthetic demo city: a deterministic OSM XML generator for the demo and the tests. */
package io.campo.routing.democity;
