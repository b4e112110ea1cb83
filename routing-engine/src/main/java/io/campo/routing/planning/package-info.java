/**
 * Day planning: the request and result types of the day planner (agents, visits, routes,
 * unassigned visits with reasons) and {@link io.campo.routing.planning.RouteChecker}, which
 * validates any plan independently of the solver. {@link io.campo.routing.planning.DayPlanner} is
 * the entry point; the solver core it drives lives in {@code planning.vrp}.
 */
package io.campo.routing.planning;
