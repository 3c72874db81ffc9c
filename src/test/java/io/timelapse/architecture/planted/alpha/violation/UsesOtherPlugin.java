package io.timelapse.architecture.planted.alpha.violation;

import io.timelapse.architecture.planted.beta.BetaService;

/** Planted violation: a plugin importing another plugin. */
final class UsesOtherPlugin {
    BetaService beta = new BetaService();
}
