package io.campo.routing.network;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an agent moves: the three ways Latin-American collection agents travel. Each maps to a
 * GraphHopper profile with one of the custom models shipped in graphhopper-core, and lists the
 * encoded values that model reads (GraphHopper refuses to import without them).
 *
 * <p>Routes ignore turn costs and turn restrictions: node-based contraction hierarchies keep the
 * many-to-many matrix simple and fast, and city blocks make the detour of a forbidden turn small.
 */
public enum TravelProfile {
    CAR("car", "car.json", List.of("car_access", "car_average_speed")),
    /** GraphHopper's model: car roads minus tracks and private roads, at 90 % of car speed. */
    MOTORCYCLE("motorcycle", "motorcycle.json",
            List.of("car_access", "car_average_speed", "track_type", "road_access", "road_class", "surface")),
    FOOT("foot", "foot.json", List.of("foot_access", "foot_priority", "foot_average_speed", "foot_road_access",
            "hike_rating", "mtb_rating", "country", "road_class"));

    private final String profileName;
    private final String customModelFile;
    private final List<String> encodedValues;

    TravelProfile(String profileName, String customModelFile, List<String> encodedValues) {
        this.profileName = profileName;
        this.customModelFile = customModelFile;
        this.encodedValues = encodedValues;
    }

    /** The name used in requests, in GraphHopper and in cache keys: {@code car}, {@code motorcycle}, {@code foot}. */
    public String profileName() {
        return profileName;
    }

    /** The custom model shipped inside graphhopper-core that defines this profile's speeds and access. */
    String customModelFile() {
        return customModelFile;
    }

    List<String> encodedValues() {
        return encodedValues;
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
