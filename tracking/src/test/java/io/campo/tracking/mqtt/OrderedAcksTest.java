package io.campo.tracking.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedAcksTest {

  @Test
  void sendsAcknowledgementsInArrivalOrderWhateverOrderTheyBecomeReady() {
    OrderedAcks acks = new OrderedAcks();
    List<Integer> sent = new ArrayList<>();
    OrderedAcks.Slot s1 = acks.reserve();
    OrderedAcks.Slot s2 = acks.reserve();
    OrderedAcks.Slot s3 = acks.reserve();
    acks.ready(s3, () -> sent.add(3));
    acks.ready(s2, () -> sent.add(2));
    assertEquals(List.of(), sent, "nothing may overtake the first publish");
    acks.ready(s1, () -> sent.add(1));
    assertEquals(List.of(1, 2, 3), sent);
    assertEquals(0, acks.waiting());
  }

  @Test
  void clearedSlotsAreNeverAcknowledged() {
    OrderedAcks acks = new OrderedAcks();
    List<Integer> sent = new ArrayList<>();
    OrderedAcks.Slot s1 = acks.reserve();
    acks.clear();
    acks.ready(s1, () -> sent.add(1));
    assertEquals(List.of(), sent);
  }
}
