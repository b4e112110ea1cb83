package io.campo.server.questionnaire;

import java.time.Instant;
import java.util.List;

/** A new version as an admin or dispatcher defines it, checked for shape; the store numbers it. */
record QuestionnaireDraft(String key, String product, String segment, Instant validFrom, List<Question> questions) {}
