/**
 * The vehicle-routing core behind the day planner, free of roads and calendars: jobs at
 * numbered places, vehicles with a {@link io.campo.routing.planning.vrp.CostMatrix}, times as
 * plain numbers. {@link io.campo.routing.planning.vrp.JspritVrpSolver} solves a
 * {@link io.campo.routing.planning.vrp.VrpProblem}; {@link io.campo.routing.planning.vrp.RouteTimeline}
 * times a route. The day planner feeds it road matrices in seconds; the benchmarks feed it
 * Euclidean matrices ({@link io.campo.routing.planning.vrp.EuclideanMatrix}) of the
 * literature's instances.
 */
package io.campo.routing.planning.vrp;
