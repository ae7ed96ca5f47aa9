package io.funit.common.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named points in the code where a process can be told to fail on purpose, so a test can prove what survives a crash
 * at exactly that point (a crash at a random moment rarely lands between two given steps). Configured by
 * {@code FUNIT_FAILPOINTS=name=action[,name=action...]}; unset in every deployment, where {@link #hit} is one lookup
 * in an empty map. Actions:
 * <ul>
 *   <li>{@code halt}: the process ends at once with status 137, as after SIGKILL ({@link Runtime#halt}: no shutdown
 *       hooks, so no hand-back, no commit, no last event).</li>
 * </ul>
 * The points: {@value #TRANSLATE_BEFORE_OUTPUTS}.
 */
public final class Failpoints {
  /** A translation's forward pass has ended and nothing of its outputs is stored yet. */
  public static final String TRANSLATE_BEFORE_OUTPUTS = "translate.before-outputs";
  public static final String SETTING = "FUNIT_FAILPOINTS";
  /** The status of a process killed by SIGKILL (128 + 9), which supervisors and tests recognise. */
  public static final int HALT_STATUS = 137;

  private static final Logger LOG = LoggerFactory.getLogger(Failpoints.class);
  private static final Map<String, String> ACTIVE = parse(System.getenv(SETTING));

  private Failpoints() {}

  /** Fails here if {@code name} is configured to. */
  public static void hit(String name) {
    String action = ACTIVE.get(name);
    if (action == null) {
      return;
    }
    LOG.warn("failpoint {} reached: {} ({})", name, action, SETTING);
    if (action.equals("halt")) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
  }

  /** {@code name=action} pairs; a malformed one ends the process's start with a message naming it. */
  static Map<String, String> parse(String value) {
    Map<String, String> points = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return points;
    }
    for (String entry : value.split(",")) {
      String[] parts = entry.trim().split("=", 2);
      if (parts.length != 2 || !parts[1].trim().equals("halt") || !parts[0].trim().equals(TRANSLATE_BEFORE_OUTPUTS)) {
        throw new IllegalArgumentException(SETTING + ": '" + entry.trim() + "' is not <point>=halt with a known point "
            + "(" + TRANSLATE_BEFORE_OUTPUTS + ")");
      }
      points.put(parts[0].trim(), parts[1].trim());
    }
    return points;
  }
}
