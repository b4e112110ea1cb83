package io.campo.routing.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an agent moves: the three ways Latin-American collection agents travel. Which GraphHopper
 * custom model and encoded values each one needs is the road network's business
 * ({@code network.ProfileModels}), not the caller's.
 *
 * <p>Routes ignore turn costs and turn restrictions: node-based contraction hierarchies keep the
 * many-to-many matrix simple and fast, and city blocks make the detour of a forbidden turn small.
 */
public enum TravelProfile {
    CAR("car"),
    /** Car roads minus tracks and private roads, at 90 % of car speed. */
    MOTORCYCLE("motorcycle"),
    FOOT("foot");

    private final String profileName;

    TravelProfile(String profileName) {
        this.profileName = profileName;
    }

    /** The name used in requests, in GraphHopper and in cache keys: {@code car}, {@code motorcycle}, {@code foot}. */
    public String profileName() {
        return profileName;
    }

    /**
     * Parses a profile name as it arrives in a request (case-insensitive).
     *
     * @throws UnknownProfileException naming the known profiles when {@code name} is none of them
     */
    public static TravelProfile fromName(String name) {
        if (name != null) {
            String normalised = name.trim().toLowerCase(Locale.ROOT);
            for (TravelProfile profile : values())
                if (profile.profileName.equals(normalised)) return profile;
        }
        throw new UnknownProfileException("unknown travel profile '" + name + "'; use one of " + knownNames());
    }

    static String knownNames() {
        return Arrays.stream(values()).map(TravelProfile::profileName).collect(Collectors.joining(", "));
    }
}
