package org.supernodesim.workload.trace.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.workload.trace.TraceInputException;

/** Bad text workloads: one located line each (file:line: what, and what would be valid). */
class TextErrorsTest {

  static TraceInputException refused(String text, TextDialect dialect, int ranks, int local) {
    return assertThrows(TraceInputException.class, () -> {
      TextWorkload w = TextWorkload.parse("w.txt", new BufferedReader(new StringReader(text)),
          dialect);
      TextReplay.Options o = TextReplay.Options.of(ranks);
      TextReplay.of(w, local > 0 ? o.withLocalRanks(local) : o).graphs();
    });
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(delimiter = '|', value = {
    "FANCY\\n1\\nl -1 1 NONE 0 1 NONE 0 1 NONE 0 1|ASTRA_SIM|0|w.txt:1: \"FANCY\" is not a"
        + " parallelism policy; valid: DATA, MODEL, HYBRID_DATA_MODEL, HYBRID_MODEL_DATA,"
        + " HYBRID_TRANSFORMER, HYBRID_TRANSFORMER_FWD_IN_BCKWD, HYBRID_DLRM,"
        + " HYBRID_DLRM_ENHANCED, HYBRID_CUSTOMIZED, MICRO, DISTRIBUTED_INFERENCE",
    "DATA\\n2\\nl -1 1 NONE 0 1 NONE 0 1 ALLREDUCE 8 1\\nm -1 1 NONE 0 1 NONE 0 1 ALLREDUCE 8|"
        + "ASTRA_SIM|0|w.txt:4: a layer line has 12 fields (name, reserved, then compute time,"
        + " comm type and size for forward, input gradient and weight gradient, then update time),"
        + " found 11",
    "DATA\\n1\\nl -1 1 NONE 0 1 NONE 0 1 ALLREDUSE 8 1|ASTRA_SIM|0|w.txt:3: \"ALLREDUSE\" is not"
        + " a communication type; valid: NONE, ALLREDUCE, ALLGATHER, REDUCESCATTER, ALLTOALL,"
        + " BROADCAST",
    "DATA\\n1\\nl -1 1.5 NONE 0 1 NONE 0 1 NONE 0 1|ASTRA_SIM|0|w.txt:3: forward compute time:"
        + " \"1.5\" is not a whole number",
    "HYBRID_TRANSFORMER model_parallel_NPU_group: 2\\n1\\nl -1 1 ALLTOALL_EP 8 1 NONE 0 1 NONE"
        + " 0 1|ASTRA_SIM|0|w.txt:3: \"ALLTOALL_EP\" names a group the SimAI way; read the file"
        + " as simai-text",
    "HYBRID_DATA_MODEL\\n1\\nl -1 1 ALLGATHER 8 1 NONE 0 1 NONE 0 1|ASTRA_SIM|0|w.txt:1:"
        + " HYBRID_DATA_MODEL spans ASTRA-sim's first network dimension; give its size"
        + " (localRanks, e.g. the chips of one scale-up domain)",
    "HYBRID_TRANSFORMER model_parallel_NPU_group: 3\\n1\\nl -1 1 NONE 0 1 NONE 0 1 NONE 0 1|"
        + "SIMAI|0|w.txt:1: 8 ranks do not divide into tensor groups of 3 x pipeline stages 1 x"
        + " expert groups of 1",
    "HYBRID_TRANSFORMER all_gpus: 4 model_parallel_NPU_group: 2\\n1\\nl -1 1 NONE 0 1 NONE 0 1"
        + " NONE 0 1|SIMAI|0|w.txt:1: all_gpus: 4 but the replay asks for 8 ranks",
    "HYBRID_TRANSFORMER_FWD_IN_BCKWD model_parallel_NPU_group: 2 checkpoints: 1 1"
        + " checkpoint_initiates: 1 0\\n2\\nl -1 1 NONE 0 1 NONE 0 1 NONE 0 1\\nm -1 1 NONE 0 1"
        + " NONE 0 1 NONE 0 1|ASTRA_SIM|0|w.txt:1: layer 0 initiates a recomputation but no"
        + " checkpoint layer is at or below it",
    "HYBRID_TRANSFORMER model_parallel_NPU_group: 2 tp: 4\\n1\\nl -1 1 NONE 0 1 NONE 0 1 NONE 0"
        + " 1|SIMAI|0|w.txt:1: \"tp:\" is not a header key; keys: model_parallel_NPU_group:, ep:,"
        + " pp:, vpp:, ga:, all_gpus:, checkpoints:, checkpoint_initiates:, pp_comm,"
        + " DLRM_LAST_BOTTOM_LAYER:",
  })
  void aBadLineIsNamed(String text, TextDialect dialect, int local, String message) {
    assertEquals(message, refused(text.replace("\\n", "\n"), dialect, 8, local).getMessage());
  }
}
