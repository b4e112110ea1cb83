package io.campo.tracking.mqtt;

import java.util.ArrayDeque;

/**
 * Sends one connection's acknowledgements in the order its publishes arrived, as MQTT requires
 * for QoS 1, even though their batches may commit out of order on different writer threads.
 *
 * <p>Not thread-safe: used on the connection's event loop only.
 */
final class OrderedAcks {

  /** A place in line for one publish's acknowledgement. */
  static final class Slot {
    private Runnable ack;
  }

  private final ArrayDeque<Slot> line = new ArrayDeque<>();

  Slot reserve() {
    Slot s = new Slot();
    line.add(s);
    return s;
  }

  /** Marks the slot ready with the acknowledgement to send, then sends every ready one at the head. */
  void ready(Slot slot, Runnable ack) {
    slot.ack = ack;
    while (!line.isEmpty() && line.peek().ack != null) {
      line.poll().ack.run();
    }
  }

  /** Forgets every slot (the connection closed: unsent acknowledgements must never be sent). */
  void clear() {
    line.clear();
  }

  int waiting() {
    return line.size();
  }
}
