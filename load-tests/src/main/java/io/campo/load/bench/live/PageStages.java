package io.campo.load.bench.live;

/**
 * A batch of the map page's stage stamps ({@code campoStats.stages}), flattened as the page keeps them.
 *
 * @param frames per frame: socket ms (page received - server sent), page ms (drawn - received), agents in the frame
 * @param agents per agent update (one in eight): ms from the fix's device time to the frame's server send, and to its page receipt
 */
record PageStages(long[] frames, long[] agents) {}
