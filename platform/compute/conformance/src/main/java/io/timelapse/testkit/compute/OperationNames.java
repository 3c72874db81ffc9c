package io.timelapse.testkit.compute;

import java.util.Locale;

/**
 * Errors name the operation at fault. A backend may call it by its own kernel's name ("ArgMax",
 * "TopKV2") as long as the API's name for it ({@code argmax}, {@code topK}) can be read in it.
 */
final class OperationNames {

    private OperationNames() {}

    static boolean names(String message, String apiOperation) {
        return message != null && message.toLowerCase(Locale.ROOT).contains(apiOperation.toLowerCase(Locale.ROOT));
    }
}
