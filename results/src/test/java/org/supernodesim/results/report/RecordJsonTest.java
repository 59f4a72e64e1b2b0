package org.supernodesim.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.ChipSummary;
import org.supernodesim.results.EngineFacts;
import org.supernodesim.results.RunInfo;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.EnergyResult;
import org.supernodesim.results.energy.PowerModel;
import org.supernodesim.results.energy.Price;

/**
 * result.json's writer against Jackson's databind, the path it replaces: the same text for every
 * kind of result and for the values where writers differ (non-finite and extreme doubles, escapes,
 * absent and empty parts, map order), and a refusal, not other text, for what it does not know.
 */
class RecordJsonTest {
  @Test
  void everyTypeAResultReachesHasAShape() {
    List<Type> types = ResultTypes.reachableFrom(RunResult.class);
    int shaped = 0;
    for (Type t : types) {
      Class<?> c = (Class<?>) t;
      if (c != WorkloadResult.class) { // a sealed interface: its kinds are written, not it
        RecordJson.shapeOf(c);
        shaped++;
      }
    }
    assertTrue(shaped > 40, "the walk reaches result.json's records: " + types);
    assertInstanceOf(RecordJson.ValueOf.class, RecordJson.shapeOf(RunResult.class));
    assertInstanceOf(RecordJson.ValueOf.class, RecordJson.shapeOf(NetworkModel.class));
    assertInstanceOf(RecordJson.EnumName.class, RecordJson.shapeOf(Price.Basis.class));
    assertInstanceOf(RecordJson.Row.class, RecordJson.shapeOf(TrainingResult.Pass.class));
    assertInstanceOf(RecordJson.Fields.class, RecordJson.shapeOf(TrainingResult.class));
  }

  static Stream<RunResult> resultsOfEachKind() {
    return WorkloadResultTest.oneOfEachKind().map(w -> new RunResult("kinds \"quoted\"\n", 7,
        NetworkModel.FLOW, new EngineFacts("sequential", 1_000, 8, 123_456_789_012L), 3,
        new RunInfo("actors", 0.125, 2, 1, 1.5e7, "host\u00e9\u4e2d\t", "17"),
        new ChipSummary("nvidia-h100-sxm", "H100", List.of(
            new ChipSummary.FigureUse("bf16", 9.89e14, "FLOP/s", "published", "a \\ b"),
            new ChipSummary.FigureUse("unknown", null, "B", "unknown", ""))),
        w,
        Optional.of(new EnergyResult(new PowerModel(700, "spec", 0.2, 0.5, 100, 1.3, "pue"),
            Double.NaN, Double.POSITIVE_INFINITY, -0.0, 4.9e-324, Double.MAX_VALUE, 1e-7)),
        List.of(new CostResult(new Price(2.5, "USD", Price.Basis.CHIP_HOUR, "prices.yaml"), 1,
                0.1, null, 3.0, null),
            new CostResult(new Price(0.1, "CNY", Price.Basis.KILOWATT_HOUR, "x"), 1e21, 12345.678,
                1.0, null, 2.0))));
  }

  @ParameterizedTest
  @MethodSource("resultsOfEachKind")
  void theTextIsDatabindsForEachKind(RunResult r) {
    assertEquals(JsonReport.toJsonByDatabind(r), JsonReport.toJson(r));
  }

  @Test
  void aResultWithoutEnergyCostsOrRunIsDatabinds() {
    RunResult bare = new RunResult("bare", 1, NetworkModel.ANALYTICAL, null, 0, null, null,
        WorkloadResultTest.oneOfEachKind().findFirst().orElseThrow(), Optional.empty(),
        List.of());
    assertEquals(JsonReport.toJsonByDatabind(bare), JsonReport.toJson(bare));
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Included(
      String absent,
      @JsonInclude(JsonInclude.Include.ALWAYS) String shownAbsent,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String emptyText,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> emptyList,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> emptyMap,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> someLongs,
      @JsonIgnore String ignored,
      Map<String, Long> unsorted,
      List<Row> rows,
      List<List<Double>> nested,
      Kind kind,
      Labelled labelled,
      boolean flag) {}

  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"b", "a"})
  record Row(int a, double b) {}

  enum Kind { FIRST, SECOND }

  enum Labelled {
    ONE {
      @Override
      public String toString() {
        return "a constant with a body";
      }
    };

    @JsonValue
    String label() {
      return "one";
    }
  }

  @Test
  void inclusionIgnoreRowsEnumsAndMapsAreDatabinds() {
    Map<String, Long> unsorted = new LinkedHashMap<>();
    unsorted.put("zeta", 1L);
    unsorted.put("Alpha", 2L);
    unsorted.put("alpha", null);
    List<Double> withNull = new ArrayList<>(Arrays.asList(1.0, null, -2.5e-12));
    Included value = new Included(null, null, "", List.of(), Map.of(), List.of(5L), "secret",
        unsorted, List.of(new Row(1, 0.5), new Row(-2, 1e300)), List.of(withNull, List.of()),
        Kind.SECOND, Labelled.ONE, true);

    assertEquals(JsonReport.databindText(value), RecordJson.write(value));
  }

  record Renamed(@JsonProperty("other") String name) {}

  record WithGetter(int a) {
    public int getB() {
      return a + 1;
    }
  }

  record Optionals(Optional<String> text) {}

  static final class NotARecord {}

  @Test
  void whatDatabindWouldWriteOtherwiseIsRefused() {
    var renamed = assertThrows(IllegalArgumentException.class,
        () -> RecordJson.write(new Renamed("x")));
    assertTrue(renamed.getMessage().contains("@JsonProperty"), renamed.getMessage());
    var getter = assertThrows(IllegalArgumentException.class,
        () -> RecordJson.write(new WithGetter(1)));
    assertTrue(getter.getMessage().contains("getB()"), getter.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> RecordJson.write(new Optionals(Optional.of("x"))));
    var other = assertThrows(IllegalArgumentException.class,
        () -> RecordJson.write(new NotARecord()));
    assertTrue(other.getMessage().contains("only records, enums"), other.getMessage());
  }
}
