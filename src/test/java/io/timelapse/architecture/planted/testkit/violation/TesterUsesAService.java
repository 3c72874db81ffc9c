package io.timelapse.architecture.planted.testkit.violation;

import io.timelapse.architecture.planted.service.LanguageService;

/** Planted violation: the test kit using a platform service. */
final class TesterUsesAService {
    LanguageService service = new LanguageService();
}
