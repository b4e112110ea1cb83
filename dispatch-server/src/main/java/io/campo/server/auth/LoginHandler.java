package io.campo.server.auth;

import io.campo.server.api.ApiException;
import io.campo.server.api.JsonBodies;
import io.campo.tracking.mqtt.DeviceAuthenticator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/auth/login}: username and password in, a JWT with the user's role out; and its device twin. */
public final class LoginHandler {

  /** The role in a phone's token: it names an agent, not a user. */
  public static final String AGENT_ROLE = "agent";
  private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);
  static final int TOKEN_MINUTES = 12 * 60;

  private final Vertx vertx;
  private final UserAccounts users;
  private final DeviceAuthenticator devices;
  private final JWTAuth jwt;
  private final java.time.ZoneId agencyZone;
  private final Consumer<String> changed;
  private final LoginThrottle officeThrottle;
  private final LoginThrottle deviceThrottle;
  private final KeptDeviceTokens kept;

  /**
   * @param agencyZone sent with an office login: the pages read "today" and default date ranges in
   *     the agency's zone, not the browser's (a dispatcher's laptop or a test browser in UTC would
   *     otherwise ask for tomorrow's plans in the agency's evening)
   * @param changed told the username of a user whose credentials changed (their other sessions must end, on every node)
   * @param officeThrottle failed {@code /api/auth/login} attempts per address and username
   * @param deviceThrottle failed {@code /api/auth/device} attempts per address and agent id
   */
  public LoginHandler(Vertx vertx, UserAccounts users, DeviceAuthenticator devices, JWTAuth jwt, java.time.ZoneId agencyZone,
      Consumer<String> changed, LoginThrottle officeThrottle, LoginThrottle deviceThrottle) {
    this(vertx, users, devices, jwt, agencyZone, changed, officeThrottle, deviceThrottle, null);
  }

  /** @param kept whose sealed copy of a token is wiped at the first device login with it (null: none kept) */
  public LoginHandler(Vertx vertx, UserAccounts users, DeviceAuthenticator devices, JWTAuth jwt, java.time.ZoneId agencyZone,
      Consumer<String> changed, LoginThrottle officeThrottle, LoginThrottle deviceThrottle, KeptDeviceTokens kept) {
    this.officeThrottle = officeThrottle;
    this.deviceThrottle = deviceThrottle;
    this.kept = kept;
    this.vertx = vertx;
    this.users = users;
    this.devices = devices;
    this.jwt = jwt;
    this.agencyZone = agencyZone;
    this.changed = changed;
  }

  /**
   * {@code POST /api/auth/device}: a phone exchanges its agent id and device token (its MQTT
   * credentials) for a JWT with role {@code agent}, whose subject is the agent: what it submits
   * is recorded as that agent's, never as another's.
   */
  public void deviceLogin(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"agentId\": \"...\", \"deviceToken\": \"...\"}");
    String agentId = JsonBodies.string(body, "agentId");
    String token = JsonBodies.string(body, "deviceToken");
    if (agentId == null || token == null) {
      throw ApiException.badRequest("send {\"agentId\": \"...\", \"deviceToken\": \"...\"}");
    }
    LoginThrottle.Admission admission = deviceThrottle.admit(address(ctx), agentId);
    if (refused(ctx, admission, "agent id")) {
      return;
    }
    vertx.executeBlocking(() -> {
      var generation = devices.credentialsGeneration(agentId, token);
      if (generation.isPresent() && kept != null) {
        // The token has reached a phone: the copy kept for the enrolment QR code has done its job.
        kept.signedIn(agentId);
      }
      return generation;
    }, false).onSuccess(generation -> {
      if (generation.isEmpty()) {
        log.warn("failed device login for agent '{}' from {}", agentId, ctx.request().remoteAddress());
        ctx.fail(new ApiException(401, "wrong agent id or device token, or the agent is disabled"));
        return;
      }
      admission.refund();
      // The device credentials generation: a token rotation or a disabling moves it on, and this token stops working.
      String issued = jwt.generateToken(new JsonObject().put("sub", agentId).put("role", AGENT_ROLE)
              .put(UserAccounts.GENERATION_CLAIM, generation.getAsLong()),
          new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(TOKEN_MINUTES));
      ctx.json(new JsonObject().put("token", issued).put("role", AGENT_ROLE).put("expiresInSeconds", TOKEN_MINUTES * 60));
    }).onFailure(e -> {
      admission.refund(); // a database outage is no guess: it must not lock the phone out afterwards
      ctx.fail(e);
    });
  }

  public void login(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"username\": \"...\", \"password\": \"...\"}");
    String username = JsonBodies.string(body, "username");
    String password = JsonBodies.string(body, "password");
    if (username == null || password == null) {
      throw ApiException.badRequest("send {\"username\": \"...\", \"password\": \"...\"}");
    }
    LoginThrottle.Admission admission = officeThrottle.admit(address(ctx), username);
    if (refused(ctx, admission, "username")) {
      return;
    }
    vertx.executeBlocking(() -> users.verify(username, password), false).onSuccess(user -> {
      if (user.isEmpty()) {
        log.warn("failed login for '{}' from {}", username, ctx.request().remoteAddress());
        ctx.fail(new ApiException(401, "wrong username or password"));
        return;
      }
      admission.refund();
      ctx.json(session(user.get()));
    }).onFailure(e -> {
      admission.refund(); // a database outage is no guess: it must not lock the user out afterwards
      ctx.fail(e);
    });
  }

  private static String address(RoutingContext ctx) {
    var remote = ctx.request().remoteAddress();
    return remote == null ? "" : remote.hostAddress() != null ? remote.hostAddress() : remote.host();
  }

  /** Answers 429 with {@code Retry-After} when the throttle refused the attempt; the credentials are not even looked at. */
  private static boolean refused(RoutingContext ctx, LoginThrottle.Admission admission, String accountWord) {
    long seconds = admission.retryAfterSeconds();
    if (seconds == 0) {
      return false;
    }
    log.warn("login refused (too many failures) for {} from {}", accountWord, ctx.request().remoteAddress());
    ctx.response().putHeader("Retry-After", Long.toString(seconds));
    ctx.fail(new ApiException(429, "too many failed logins for this " + accountWord + " or from this address: try again in "
        + seconds + " s"));
    return true;
  }

  /**
   * {@code PUT /api/auth/password} {@code {"currentPassword","password"}}: an office user changes their own password.
   * Every token issued before stops working (other browsers log in again); the answer is a new session, as a login's.
   */
  public void changeOwnPassword(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx, "{\"currentPassword\": \"...\", \"password\": \"at least "
        + UserAccounts.MIN_PASSWORD_LENGTH + " characters\"}");
    String username = ctx.user().principal().getString("sub");
    String current = JsonBodies.string(body, "currentPassword");
    String password = JsonBodies.string(body, "password");
    List<String> errors = new ArrayList<>();
    if (current == null) {
      errors.add("'currentPassword' is required");
    }
    UserAccounts.passwordProblem(password).ifPresent(errors::add);
    if (password != null && password.equals(current)) {
      errors.add("'password' must differ from the current one");
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", errors));
    }
    long tokenGeneration = ctx.user().principal().getLong(UserAccounts.GENERATION_CLAIM, 0L);
    vertx.executeBlocking(() -> changeIfProved(username, current, password, tokenGeneration), false).onSuccess(user -> {
      if (user == null) {
        log.warn("failed password change for '{}' from {}", username, ctx.request().remoteAddress());
        ctx.fail(new ApiException(403, "the current password is wrong"));
        return;
      }
      log.info("user '{}' changed their password", username);
      changed.accept(username);
      ctx.json(session(user));
    }).onFailure(ctx::fail);
  }

  /**
   * The user with their new password, or null when the current one is wrong.
   *
   * @throws ApiException 401 when the credentials moved on since the token (a reset made meanwhile wins: whoever proved
   *     the old password gets nothing)
   */
  private UserAccounts.User changeIfProved(String username, String current, String password, long tokenGeneration)
      throws SQLException {
    Optional<UserAccounts.User> proved = users.verify(username, current);
    if (proved.isEmpty()) {
      return null;
    }
    Optional<UserAccounts.User> changed = proved.get().generation() == tokenGeneration
        ? users.setPassword(username, password, tokenGeneration) : Optional.empty();
    // Proved, but the password or role changed since this token (or just now): the token is spent.
    return changed.orElseThrow(() -> new ApiException(401, "your password or role changed: log in again"));
  }

  /** A login's answer: a token for the user's role and credentials generation, and what the pages need with it. */
  private JsonObject session(UserAccounts.User user) {
    String token = jwt.generateToken(
        new JsonObject().put("sub", user.username()).put("role", user.role()).put(UserAccounts.GENERATION_CLAIM, user.generation()),
        new JWTOptions().setAlgorithm("HS256").setExpiresInMinutes(TOKEN_MINUTES));
    return new JsonObject().put("token", token).put("role", user.role())
        .put("expiresInSeconds", TOKEN_MINUTES * 60).put("timeZone", agencyZone.getId());
  }
}
