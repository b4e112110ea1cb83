package io.campo.tracking.mqtt;

import io.campo.tracking.storage.SessionStore;

/** What every device connection uses, built once and shared by all event loops. */
public record DeviceServices(
    DeviceAuthenticator authenticator,
    TelemetryIngest ingest,
    DeviceSessions sessions,
    SessionStore sessionStore,
    DownlinkDelivery downlink,
    SessionTakeover takeover,
    FailedConnectLimit failedConnects,
    RefusedPublishes refused) {

  /** Without a limit on failed CONNECTs. */
  public DeviceServices(DeviceAuthenticator authenticator, TelemetryIngest ingest, DeviceSessions sessions,
      SessionStore sessionStore, DownlinkDelivery downlink, SessionTakeover takeover) {
    this(authenticator, ingest, sessions, sessionStore, downlink, takeover, FailedConnectLimit.NONE);
  }

  public DeviceServices(DeviceAuthenticator authenticator, TelemetryIngest ingest, DeviceSessions sessions,
      SessionStore sessionStore, DownlinkDelivery downlink, SessionTakeover takeover, FailedConnectLimit failedConnects) {
    this(authenticator, ingest, sessions, sessionStore, downlink, takeover, failedConnects, new RefusedPublishes());
  }
}
