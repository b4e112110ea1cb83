package io.campo.tracking.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The publishes refused as a whole to MQTT 3.1.1 devices, remembered by a fingerprint of topic and
 * payload. MQTT 3.1.1 has no negative PUBACK: the server may only acknowledge or close the
 * connection (spec 3.3.5). Campo closes it, so that the phone does not believe its fix was stored
 * and keeps it; but a payload that can never be valid would then come back after every reconnect
 * and block everything queued behind it. So a refused payload is refused (closed on) once, and
 * acknowledged when the same agent sends the very same bytes again: by then the phone has been
 * told, the refusal is logged, counted and reported on {@code campo/agents/{id}/errors}.
 *
 * <p>Bounded: the last {@value #PER_AGENT} refusals of the {@value #AGENTS} agents refused most
 * recently. In memory of one node: a phone that reconnects to another node is refused there once
 * more. Thread-safe.
 */
public final class RefusedPublishes {

  static final int PER_AGENT = 8;
  static final int AGENTS = 10_000;

  private final Map<String, Deque<byte[]>> byAgent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<byte[]>> eldest) {
      return size() > AGENTS;
    }
  };

  /**
   * Records a refusal; true when this agent's same topic and payload were refused before (the
   * device is resending what it was already refused: acknowledge it).
   */
  public synchronized boolean refusedBefore(String agentId, String topic, byte[] payload) {
    byte[] fingerprint = fingerprint(topic, payload);
    Deque<byte[]> recent = byAgent.computeIfAbsent(agentId, a -> new ArrayDeque<>(PER_AGENT));
    for (byte[] f : recent) {
      if (Arrays.equals(f, fingerprint)) {
        return true;
      }
    }
    if (recent.size() == PER_AGENT) {
      recent.removeFirst();
    }
    recent.addLast(fingerprint);
    return false;
  }

  private static byte[] fingerprint(String topic, byte[] payload) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(topic.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return sha.digest(payload);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
