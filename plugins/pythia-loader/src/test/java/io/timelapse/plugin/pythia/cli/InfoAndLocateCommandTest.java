package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.plugin.pythia.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InfoAndLocateCommandTest {

    private record Result(int exit, String out, String err) {}

    private static Result run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void infoDescribesTheCorpusAndTheShardSet() {
        Result corpus = run(new InfoCommand(), Fixtures.corpusPrefix().toString());
        assertEquals(0, corpus.exit(), corpus.err());
        assertTrue(corpus.out().contains("dtype: uint16 (code 8)"), corpus.out());
        assertTrue(corpus.out().contains("items: 300"));
        assertTrue(corpus.out().contains("tokens: 30123"));
        assertTrue(corpus.out().contains("valid: yes"));
        Result shards = run(new InfoCommand(), Fixtures.path("preshuffled/document-00000-of-00003.bin").toString());
        assertEquals(0, shards.exit(), shards.err());
        assertTrue(shards.out().contains("shards: 4 of 40000 bytes"), shards.out());
        assertTrue(shards.out().contains("rows: 960 of 65 tokens"), shards.out());
        Result missing = run(new InfoCommand(), Fixtures.corpusPrefix().resolveSibling("nope").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope.idx"), missing.err());
    }

    @Test
    void locateGivesStepSlotAndDocumentsAsJson() throws Exception {
        Result result = run(new LocateCommand(), "--row", "45", "--train-data-paths", Fixtures.corpusPrefix().toString(),
                "--train-iters", "120", "--global-batch-size", "8", "--seq-length", "64", "--seed", "1234",
                "--preshuffled", Fixtures.path("preshuffled/document-00000-of-00003.bin").toString(), "--json");
        assertEquals(0, result.exit(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(5, json.get("step").asLong());
        assertEquals(5, json.get("slot").asInt());
        assertEquals("train_0", json.get("dataset").asText());
        int[] shuffle = Fixtures.npy("indexmaps/" + Fixtures.INDEX_MAP_BASE + "_shuffle_idx.npy").asUnsignedIntArray();
        assertEquals(shuffle[45], json.get("unshuffled_sample").asLong());
        int tokens = 0;
        for (JsonNode span : json.get("documents")) {
            tokens += span.get("end").asInt() - span.get("start").asInt();
        }
        assertEquals(65, tokens);
        assertEquals(45L * 130, json.get("byte_offset").asLong());
        assertEquals(0, json.get("shard").asInt());
    }
}
