package io.campo.load.demo;

import io.campo.load.fleet.LatLon;
import io.campo.routing.api.DemoCitySpec;

/**
 * The square the server's generated demo city covers ({@code CAMPO_DEMO_CITY_KM} a side around
 * Mexico City's centre, as {@code PlanningEngine} generates it), where the demo puts its agents'
 * homes and its debtors. Immutable.
 *
 * @param sideMetres the city's width and height
 */
public record DemoCityArea(LatLon centre, double sideMetres) {

  /**
   * Kept clear along the border: the city's outermost street runs close to it, and a point
   * beyond it would snap far or not at all.
   */
  static final double BORDER_MARGIN_METRES = 150;

  public static DemoCityArea ofKilometres(int sideKm) {
    return new DemoCityArea(new LatLon(DemoCitySpec.MEXICO_CITY_LATITUDE, DemoCitySpec.MEXICO_CITY_LONGITUDE), sideKm * 1000.0);
  }

  /** Half the side, less the border margin: how far north, south, east or west of the centre a demo place may be. */
  public double reachMetres() {
    return Math.max(0, sideMetres / 2 - BORDER_MARGIN_METRES);
  }

  /** The point {@code northMetres} north and {@code eastMetres} east of the centre, moved inside the city if it lies beyond. */
  public LatLon inside(double northMetres, double eastMetres) {
    double reach = reachMetres();
    return centre.offset(Math.max(-reach, Math.min(reach, northMetres)), Math.max(-reach, Math.min(reach, eastMetres)));
  }
}
