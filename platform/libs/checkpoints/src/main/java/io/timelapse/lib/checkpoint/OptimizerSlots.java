package io.timelapse.lib.checkpoint;

import java.util.Optional;

/**
 * Names of optimizer state in a checkpoint: {@code opt.<optimizer>.<slot>.<parameter name>}, such
 * as {@code opt.adamw.m.gpt_neox.embed_in.weight}.
 */
public final class OptimizerSlots {

    /** The prefix every optimizer slot name starts with; variable names may not. */
    public static final String PREFIX = "opt.";

    /** A slot name taken apart. */
    public record Slot(String optimizer, String slot, String parameter) {}

    private OptimizerSlots() {}

    public static String name(String optimizer, String slot, String parameter) {
        checkPart("optimizer", optimizer);
        checkPart("slot", slot);
        if (parameter.isEmpty()) {
            throw new IllegalArgumentException("empty parameter name");
        }
        return PREFIX + optimizer + "." + slot + "." + parameter;
    }

    public static boolean isSlot(String tensorName) {
        return tensorName.startsWith(PREFIX);
    }

    /** The parts of a slot name; empty for a variable name or a malformed slot name. */
    public static Optional<Slot> parse(String tensorName) {
        if (!isSlot(tensorName)) {
            return Optional.empty();
        }
        int optimizerEnd = tensorName.indexOf('.', PREFIX.length());
        int slotEnd = optimizerEnd < 0 ? -1 : tensorName.indexOf('.', optimizerEnd + 1);
        if (optimizerEnd <= PREFIX.length() || slotEnd <= optimizerEnd + 1 || slotEnd == tensorName.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Slot(tensorName.substring(PREFIX.length(), optimizerEnd),
                tensorName.substring(optimizerEnd + 1, slotEnd), tensorName.substring(slotEnd + 1)));
    }

    private static void checkPart(String what, String part) {
        if (part.isEmpty() || part.indexOf('.') >= 0) {
            throw new IllegalArgumentException(what + " name '" + part + "' must be non-empty and free of '.'");
        }
    }
}
