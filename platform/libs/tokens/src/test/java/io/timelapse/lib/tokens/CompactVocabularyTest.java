package io.timelapse.lib.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CompactVocabularyTest {

    @Test
    void theIdsThatOccurAreNumberedInIncreasingOrder() {
        CompactVocabulary vocabulary = CompactVocabulary.of(new int[] {50_000, 7, 0, 7, 3});
        assertEquals(4, vocabulary.size());
        assertArrayEquals(new int[] {0, 3, 7, 50_000}, vocabulary.originalIds());
        assertArrayEquals(new int[] {3, 2, 0, 2, 1}, vocabulary.compact(new int[] {50_000, 7, 0, 7, 3}));
        assertEquals(50_000, vocabulary.original(3));
    }

    @Test
    void idsOutsideTheVocabularyAreRefused() {
        CompactVocabulary vocabulary = CompactVocabulary.of(new int[] {4, 9});
        assertThrows(IllegalArgumentException.class, () -> vocabulary.compact(5));
        assertThrows(IllegalArgumentException.class, () -> CompactVocabulary.of(new int[] {2, -1}));
    }
}
