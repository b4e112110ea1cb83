package io.campo.load.demo;

import io.campo.load.fleet.AgentCredentials;
import io.campo.server.agent.AgentRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's agents {@code demo-001}…{@code demo-050} and the tokens their simulated phones log
 * in with. The first run creates them; later runs reuse the tokens kept in {@link
 * DemoSecretsFile} and create only what is missing.
 */
public final class DemoAgents {

  private static final Logger log = LoggerFactory.getLogger(DemoAgents.class);

  /** Where the tokens are kept, under the server's data folder. */
  public static final String TOKEN_FILE_NAME = "demo-devices.properties";

  private final AgentRegistry registry;
  private final DemoSecretsFile tokenFile;

  public DemoAgents(AgentRegistry registry, Path dataDir) {
    this.registry = registry;
    this.tokenFile = new DemoSecretsFile(dataDir.resolve(TOKEN_FILE_NAME));
  }

  public static int count() {
    return DemoNames.count();
  }

  public static String id(int index) {
    return String.format("demo-%03d", index + 1);
  }

  /**
   * Makes sure every demo agent exists and has a token this demo knows. An agent that exists
   * with a token the file does not hold (the file was deleted, or the database was swapped) is
   * left out with a warning: its token cannot be recovered.
   */
  public List<AgentCredentials> ensure() throws IOException, SQLException {
    Map<String, String> tokens = tokenFile.read();
    List<AgentCredentials> ready = new ArrayList<>();
    List<String> unusable = new ArrayList<>();
    boolean created = false;
    for (int i = 0; i < count(); i++) {
      String id = id(i);
      String known = tokens.get(id);
      Optional<AgentRegistry.Agent> existing = registry.find(id);
      if (existing.isEmpty()) {
        tokens.put(id, registry.create(id, DemoNames.of(i)).deviceToken());
        created = true;
      } else if (known == null || !registry.authenticate(id, known)) {
        unusable.add(id);
        continue;
      }
      ready.add(new AgentCredentials(id, tokens.get(id)));
    }
    if (created) {
      tokenFile.write(tokens, "Device tokens of the demo's simulated agents (campo demo).");
    }
    if (!unusable.isEmpty()) {
      log.warn("{} demo agent(s) exist but {} does not hold their device token, so they will not move: {}. "
          + "Delete the data folder to start the demo afresh.", unusable.size(), tokenFile.path(), unusable);
    }
    return ready;
  }
}
