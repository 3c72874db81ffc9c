package io.timelapse.example.hello;

/** The plugin's one piece of logic, injected into its commands. */
record Greeting(String salutation) {

    String to(String name) {
        return salutation + ", " + name + "!";
    }
}
