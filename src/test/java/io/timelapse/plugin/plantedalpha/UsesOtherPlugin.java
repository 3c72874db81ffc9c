package io.timelapse.plugin.plantedalpha;

import io.timelapse.plugin.plantedbeta.BetaService;

/** Planted violation: a plugin importing another plugin. */
final class UsesOtherPlugin {
    BetaService beta = new BetaService();
}
