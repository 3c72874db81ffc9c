package io.timelapse.lib.tokenizer.internal;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;

/**
 * Finds added tokens in text with leftmost-longest semantics (as Hugging Face's Aho-Corasick
 * matcher): scanning left to right, the first position where some token starts wins, and there
 * the longest token. Matching continues after the match.
 */
public final class AddedTokenMatcher {

    private final Node root = new Node();
    private final BitSet firstChars = new BitSet(0x10000);
    private final boolean empty;

    /** @param idByContent token text to id; empty contents are ignored */
    public AddedTokenMatcher(Map<String, Integer> idByContent) {
        boolean any = false;
        for (Map.Entry<String, Integer> e : idByContent.entrySet()) {
            String content = e.getKey();
            if (content.isEmpty()) {
                continue;
            }
            any = true;
            firstChars.set(content.charAt(0));
            Node node = root;
            for (int i = 0; i < content.length(); i++) {
                node = node.childOrCreate(content.charAt(i));
            }
            node.tokenId = e.getValue();
        }
        empty = !any;
    }

    public boolean isEmpty() {
        return empty;
    }

    /**
     * Splits text[from..to) into alternating pieces: appends (start, end, -1) for plain text and
     * (start, end, id) for a token. Empty plain pieces are left out.
     */
    public void split(CharSequence text, int from, int to, IntList pieces) {
        int plainStart = from;
        int i = from;
        while (i < to) {
            if (firstChars.get(text.charAt(i))) {
                long match = longestAt(text, i, to);
                if (match >= 0) {
                    int length = (int) (match >>> 32);
                    if (plainStart < i) {
                        add(pieces, plainStart, i, -1);
                    }
                    add(pieces, i, i + length, (int) match);
                    i += length;
                    plainStart = i;
                    continue;
                }
            }
            i++;
        }
        if (plainStart < to) {
            add(pieces, plainStart, to, -1);
        }
    }

    private static void add(IntList pieces, int start, int end, int id) {
        pieces.add(start);
        pieces.add(end);
        pieces.add(id);
    }

    /** (length << 32 | id) of the longest token starting at i, or -1. */
    private long longestAt(CharSequence text, int i, int to) {
        long best = -1;
        Node node = root;
        for (int j = i; j < to; j++) {
            node = node.child(text.charAt(j));
            if (node == null) {
                break;
            }
            if (node.tokenId >= 0) {
                best = ((long) (j + 1 - i) << 32) | node.tokenId;
            }
        }
        return best;
    }

    private static final class Node {
        private char[] keys = new char[0];
        private Node[] children = new Node[0];
        private int tokenId = -1;

        Node child(char c) {
            char[] k = keys;
            for (int i = 0; i < k.length; i++) {
                if (k[i] == c) {
                    return children[i];
                }
            }
            return null;
        }

        Node childOrCreate(char c) {
            Node existing = child(c);
            if (existing != null) {
                return existing;
            }
            Node created = new Node();
            keys = Arrays.copyOf(keys, keys.length + 1);
            children = Arrays.copyOf(children, children.length + 1);
            keys[keys.length - 1] = c;
            children[children.length - 1] = created;
            return created;
        }
    }
}
