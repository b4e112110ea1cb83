package io.campo.routing.network;

import io.campo.routing.api.TravelProfile;
import java.util.List;

/**
 * The GraphHopper side of each {@link TravelProfile}: the custom model shipped in graphhopper-core
 * and the encoded values that model reads (GraphHopper refuses to import without them). Kept here,
 * not on the profile, so that callers of the routing API never see GraphHopper's vocabulary.
 */
final class ProfileModels {

    private ProfileModels() {
    }

    /** The custom model shipped inside graphhopper-core that defines the profile's speeds and access. */
    static String customModelFile(TravelProfile profile) {
        return switch (profile) {
            case CAR -> "car.json";
            // GraphHopper's model: car roads minus tracks and private roads, at 90 % of car speed.
            case MOTORCYCLE -> "motorcycle.json";
            case FOOT -> "foot.json";
        };
    }

    static List<String> encodedValues(TravelProfile profile) {
        return switch (profile) {
            case CAR -> List.of("car_access", "car_average_speed");
            case MOTORCYCLE -> List.of("car_access", "car_average_speed", "track_type", "road_access", "road_class", "surface");
            case FOOT -> List.of("foot_access", "foot_priority", "foot_average_speed", "foot_road_access",
                    "hike_rating", "mtb_rating", "country", "road_class");
        };
    }
}
