/**
 * Day planning: the request and result types of the day planner (agents, visits, routes,
 * unassigned visits with reasons) and {@link io.campo.routing.planning.RouteChecker}, which
 * validates any plan independently of the solver. The solver itself is not written yet.
 */
package io.campo.routing.planning;
