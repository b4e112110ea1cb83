package io.campo.load.fleet;

import java.util.SplittableRandom;

/**
 * A random walk along the streets of a square grid of blocks around a centre, the layout of
 * most Latin-American city centres: the agent follows a street for a few blocks, turns at an
 * intersection (rarely back), and now and then stops for a few minutes as if at a debtor's
 * door. It never leaves the disc of {@code radiusMetres} around the centre.
 *
 * <p>Not thread-safe (see {@link Mover}).
 */
public final class StreetGridWalk implements Mover {

  /** A typical block in Mexico City's centre. */
  public static final double DEFAULT_BLOCK_METRES = 100;

  // Unit steps on the grid, in the order of their compass headings: north, east, south, west.
  private static final int[] STEP_EAST = {0, 1, 0, -1};
  private static final int[] STEP_NORTH = {1, 0, -1, 0};

  private static final double STOP_CHANCE_PER_INTERSECTION = 0.04;
  private static final double MIN_STOP_SECONDS = 120;
  private static final double MAX_STOP_SECONDS = 900;

  private final LatLon centre;
  private final double blockMetres;
  private final int maxBlocksFromCentre;
  private final double cruiseSpeedMps;
  private final SplittableRandom random;

  // The intersection the agent last left, the direction it goes, and how far along the block.
  private int east;
  private int north;
  private int direction;
  private double metresIntoBlock;
  private int blocksLeftOnThisStreet;
  private double stoppedSecondsLeft;

  public StreetGridWalk(LatLon centre, double radiusMetres, double blockMetres, TravelMode mode, SplittableRandom random) {
    if (radiusMetres < blockMetres) {
      throw new IllegalArgumentException("radius " + radiusMetres + " m is smaller than one block of " + blockMetres + " m");
    }
    this.centre = centre;
    this.blockMetres = blockMetres;
    this.maxBlocksFromCentre = (int) (radiusMetres / blockMetres);
    this.cruiseSpeedMps = mode.pickSpeedMps(random);
    this.random = random;
    do {
      east = random.nextInt(-maxBlocksFromCentre, maxBlocksFromCentre + 1);
      north = random.nextInt(-maxBlocksFromCentre, maxBlocksFromCentre + 1);
    } while (!insideDisc(east, north));
    direction = random.nextInt(4);
    if (!insideDisc(east + STEP_EAST[direction], north + STEP_NORTH[direction])) {
      direction = (direction + 2) % 4;
    }
    blocksLeftOnThisStreet = 1 + random.nextInt(6);
  }

  @Override
  public Motion advance(double elapsedSeconds) {
    double seconds = elapsedSeconds;
    while (seconds > 0) {
      if (stoppedSecondsLeft > 0) {
        double waited = Math.min(seconds, stoppedSecondsLeft);
        stoppedSecondsLeft -= waited;
        seconds -= waited;
        continue;
      }
      double metresToIntersection = blockMetres - metresIntoBlock;
      double metresThisTime = seconds * cruiseSpeedMps;
      if (metresThisTime < metresToIntersection) {
        metresIntoBlock += metresThisTime;
        seconds = 0;
      } else {
        seconds -= metresToIntersection / cruiseSpeedMps;
        arriveAtIntersection();
      }
    }
    return new Motion(position(), stoppedSecondsLeft > 0 ? 0 : cruiseSpeedMps, direction * 90.0);
  }

  private void arriveAtIntersection() {
    east += STEP_EAST[direction];
    north += STEP_NORTH[direction];
    metresIntoBlock = 0;
    if (random.nextDouble() < STOP_CHANCE_PER_INTERSECTION) {
      stoppedSecondsLeft = MIN_STOP_SECONDS + random.nextDouble() * (MAX_STOP_SECONDS - MIN_STOP_SECONDS);
    }
    blocksLeftOnThisStreet--;
    if (blocksLeftOnThisStreet <= 0 || !canGo(direction)) {
      turn();
    }
  }

  private void turn() {
    // Left or right first; straight on if both are closed; back only at the edge of the disc.
    int[] choices = random.nextBoolean()
        ? new int[] {(direction + 1) % 4, (direction + 3) % 4, direction, (direction + 2) % 4}
        : new int[] {(direction + 3) % 4, (direction + 1) % 4, direction, (direction + 2) % 4};
    for (int d : choices) {
      if (canGo(d)) {
        direction = d;
        break;
      }
    }
    blocksLeftOnThisStreet = 1 + random.nextInt(6);
  }

  private boolean canGo(int d) {
    return insideDisc(east + STEP_EAST[d], north + STEP_NORTH[d]);
  }

  private boolean insideDisc(int e, int n) {
    return (long) e * e + (long) n * n <= (long) maxBlocksFromCentre * maxBlocksFromCentre;
  }

  private LatLon position() {
    double northMetres = north * blockMetres + STEP_NORTH[direction] * metresIntoBlock;
    double eastMetres = east * blockMetres + STEP_EAST[direction] * metresIntoBlock;
    return centre.offset(northMetres, eastMetres);
  }
}
