package io.timelapse.architecture;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * One Maven module of the build.
 *
 * @param folder      the module's folder relative to the build's root, with '/'
 * @param packaging   the Maven packaging; {@code pom} modules hold no code, and an archetype's Java files are
 *                    templates of the project it generates
 * @param part        the part its folder puts it in; empty when no part claims the folder
 * @param classes     where Maven compiles its production classes
 * @param ownPackages the packages its own sources declare: classes of other packages in {@code classes} are
 *                    libraries that bnd embedded, not the module's code
 */
record Module(String folder, String packaging, Optional<Part> part, Path classes, Set<String> ownPackages) {

    boolean holdsCode() {
        return !"pom".equals(packaging) && !"maven-archetype".equals(packaging);
    }

    boolean is(Part other) {
        return part.filter(other::equals).isPresent();
    }

    @Override
    public String toString() {
        return folder;
    }
}
