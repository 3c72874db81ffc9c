package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.data.RowProvenance;
import io.timelapse.api.data.SourceSpan;
import io.timelapse.api.data.TrainingData;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.plugin.pythia.dataset.BlendRoute;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.plugin.pythia.service.PreshuffledTrainingDataProvider;
import io.timelapse.plugin.pythia.service.RouteTrainingData;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provenance other plugins get through the training-data service is what {@code pythia locate} prints. */
class ServiceProvenanceTest {

    private static final Path SHARD = Fixtures.path("preshuffled/document-00000-of-00003.bin");

    @TempDir
    Path tmp;

    @Test
    void serviceProvenanceEqualsLocate() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        MMapIndexedDataset corpus = MMapIndexedDataset.open(Fixtures.corpusPrefix());
        // The same route as DataCommandsTest.ROUTE: 120 steps of 8 rows of 64 + 1 tokens, seed 1234.
        try (TrainingData route = new RouteTrainingData(Fixtures.corpusPrefix(), List.of(),
                BlendRoute.open(List.of(corpus), new double[] {1.0}, Split.TRAIN, 960, 64, 1234, IndexMapStore.inMemory()), 8);
             TrainingData preshuffled = new PreshuffledTrainingDataProvider().open(SHARD, 8)) {
            // gpt-neox builds a blend a little larger than the 960 rows trained.
            assertTrue(route.rowCount() >= 960, "rows: " + route.rowCount());
            assertEquals(65, route.rowLength());
            for (long row : new long[] {0, 1, 45, 400, 623, 959}) {
                List<String> args = new ArrayList<>(DataCommandsTest.ROUTE);
                args.addAll(List.of("--row", Long.toString(row), "--preshuffled", SHARD.toString(), "--json"));
                Result located = tester.execute("pythia", new LocateCommand(tester.runs()), args.toArray(String[]::new));
                assertEquals(0, located.exitCode(), located.err());
                JsonNode json = new ObjectMapper().readTree(located.out());

                RowProvenance documents = route.provenance(row);
                assertTrue(documents.documents());
                JsonNode want = json.get("documents");
                assertEquals(want.size(), documents.spans().size(), "row " + row);
                for (int i = 0; i < want.size(); i++) {
                    SourceSpan span = documents.spans().get(i);
                    JsonNode w = want.get(i);
                    assertEquals(w.get("document").asLong(), span.document(), "row " + row);
                    assertEquals(w.get("start").asLong(), span.start(), "row " + row);
                    assertEquals(w.get("end").asLong(), span.start() + span.length(), "row " + row);
                    assertEquals(w.get("row_offset").asInt(), span.rowOffset(), "row " + row);
                    assertEquals(w.get("end").asLong() == w.get("document_length").asLong(), span.endsDocument(), "row " + row);
                }

                RowProvenance segments = preshuffled.provenance(row);
                assertFalse(segments.documents());
                assertEquals(json.get("byte_offset").asLong(), segments.byteOffset());
                assertEquals(json.get("shard").asInt(), segments.shard());
                assertArrayEquals(route.row(row), preshuffled.row(row));
                // Every segment a pre-shuffled row shows ends where one of the route's documents does.
                Set<Integer> documentEnds = new HashSet<>();
                documents.spans().stream().filter(SourceSpan::endsDocument).forEach(s -> documentEnds.add(s.rowOffset() + s.length()));
                for (SourceSpan segment : segments.spans()) {
                    assertEquals(SourceSpan.UNKNOWN, segment.document());
                    if (segment.endsDocument()) {
                        assertTrue(documentEnds.contains(segment.rowOffset() + segment.length()), "row " + row + ": " + segment);
                    }
                }
                assertEquals(documentEnds.size(), segments.spans().stream().filter(SourceSpan::endsDocument).count(), "row " + row);
            }
        }
    }
}
