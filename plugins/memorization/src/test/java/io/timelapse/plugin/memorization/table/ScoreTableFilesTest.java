package io.timelapse.plugin.memorization.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.memorization.selection.RowSelections;
import io.timelapse.plugin.memorization.selection.RowSubset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreTableFilesTest {

    @TempDir
    Path tmp;

    @Test
    void contiguousTableRoundTripsWithCsvAndNoRowFile() throws IOException {
        ScoreTable table = Tables.table("m", 8L, RowSelections.range(1024, 1028), 32, 0, 1, 16);
        ScoreTableFiles.write(tmp, table, true);
        assertFalse(Files.exists(tmp.resolve(ScoreTableFiles.ROWS)));
        NpyArray matches = Npy.read(tmp.resolve(ScoreTableFiles.MATCHES));
        assertEquals(DType.UINT8, matches.dtype());
        assertArrayEquals(new long[] {4}, matches.shape());
        assertEquals("index,matches,score\n1024,32,1.0\n1025,0,0.0\n1026,1,0.03125\n1027,16,0.5\n",
                Files.readString(tmp.resolve(ScoreTableFiles.CSV)));
        String json = Files.readString(tmp.resolve(ScoreTableFiles.HEADER));
        assertTrue(json.contains("\"memorized\" : 1"), json);
        assertTrue(json.contains("the paper's script"), json);

        ScoreTable back = ScoreTableFiles.read(tmp);
        assertEquals(table.header(), back.header());
        assertArrayEquals(table.matches(), back.matches());
        assertEquals(1027, back.row(3));
    }

    @Test
    void sparseTableKeepsItsRows() throws IOException {
        RowSubset rows = new RowSubset(new long[] {3, 90, 4_000_000_000L}, "three rows");
        ScoreTable table = Tables.table("m", null, rows, 5, 6, 7);
        ScoreTableFiles.write(tmp, table, false);
        assertFalse(Files.exists(tmp.resolve(ScoreTableFiles.CSV)));
        ScoreTable back = ScoreTableFiles.read(tmp.resolve(ScoreTableFiles.HEADER));
        assertEquals(4_000_000_000L, back.row(2));
        assertEquals(7, back.matches(2));
        assertEquals(table.header(), back.header());
    }

    @Test
    void badFilesAreNamedInErrors() throws IOException {
        ScoreTableFiles.write(tmp, Tables.table("m", 8L, RowSelections.range(0, 2), 1, 2), false);
        Npy.write(tmp.resolve(ScoreTableFiles.MATCHES), NpyArray.ofInts(new int[] {1, 2}, 2));
        IOException wrongType = assertThrows(IOException.class, () -> ScoreTableFiles.read(tmp));
        assertTrue(wrongType.getMessage().contains("matches.npy") && wrongType.getMessage().contains("uint8"), wrongType.getMessage());

        Npy.write(tmp.resolve(ScoreTableFiles.MATCHES), NpyArray.of(DType.UINT8, new int[] {1, 33}, 2));
        IOException tooMany = assertThrows(IOException.class, () -> ScoreTableFiles.read(tmp));
        assertTrue(tooMany.getMessage().contains("exceeds the continuation length 32"), tooMany.getMessage());

        Files.writeString(tmp.resolve(ScoreTableFiles.HEADER), "{\"format\": \"timelapse-memorization-scores\", \"prefix_length\": 32}");
        IOException missing = assertThrows(IOException.class, () -> ScoreTableFiles.read(tmp));
        assertTrue(missing.getMessage().contains("table.json") && missing.getMessage().contains("banned_tokens"), missing.getMessage());

        IOException notTable = assertThrows(IOException.class, () -> ScoreTableFiles.read(tmp.resolve("nowhere")));
        assertTrue(notTable.getMessage().contains("nowhere"), notTable.getMessage());
    }

    @Test
    void tablesWrittenBeforeTrainingRecordsKeepTheSettingsTheirComputeCameFrom() throws IOException {
        ScoreTableFiles.write(tmp, Tables.table("m", 84L, RowSelections.range(0, 2), 32, 0), false);
        String json = Files.readString(tmp.resolve(ScoreTableFiles.HEADER));
        String training = json.substring(json.indexOf("\"training\""), json.indexOf("}", json.indexOf("\"training\"")) + 1);
        // As the plugin wrote headers before: no model.training, the default batch size under data.
        json = json.replace(training + ",", "").replace("\"row_length\" : 64", "\"row_length\" : 64, \"batch_size\" : 1024");
        assertFalse(json.contains("\"training\""), json);
        Files.writeString(tmp.resolve(ScoreTableFiles.HEADER), json);
        ModelIdentity model = ScoreTableFiles.read(tmp).header().model();
        assertEquals(1024, model.training().batchSize());
        assertEquals(63, model.training().sequenceLength());
        assertEquals(84L * 1024 * 63, model.trainedTokens());
        assertTrue(model.training().source().contains("a table written before training records"), model.training().source());
    }
}
