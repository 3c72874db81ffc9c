package io.timelapse.architecture.planted.api;

/** Planted: a service of the API. */
public interface ApiService {
    String name();
}
