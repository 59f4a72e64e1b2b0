package org.supernodesim.workload.trace.chakra;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.workload.trace.TraceInputException;

/**
 * Damaged traces: truncated, bit-flipped and block-shuffled copies of a valid two-rank trace
 * (every kind of operation) either read (the damage hit nothing that matters) or are refused with
 * a {@link TraceInputException} naming a file of the trace, never another exception, never a hang.
 */
class ChakraFuzzTest {
  private static final List<byte[]> VALID =
      InMemoryTrace.write(ChakraRoundTripTest.everyKind());

  enum Damage {
    TRUNCATED,
    BIT_FLIPPED,
    SHUFFLED
  }

  static Stream<Arguments> cases() {
    return Arrays.stream(Damage.values())
        .flatMap(d -> IntStream.range(0, 20).mapToObj(seed -> Arguments.of(d, 7919L * seed + 1)));
  }

  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("cases")
  void aDamagedTraceIsReadOrRefusedWithItsLocation(Damage damage, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int victim = random.nextInt(VALID.size());
    List<byte[]> files = new ArrayList<>(VALID);
    files.set(victim, damage(damage, VALID.get(victim), random));

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        ChakraReader.read(InMemoryTrace.files(files), ChakraReader.Options.defaults());
      } catch (TraceInputException e) {
        assertTrue(e.getMessage().startsWith("mem.0.et: ") || e.getMessage().startsWith(
            "mem.1.et: "), damage + " seed " + seed + ": located in a file: " + e.getMessage());
      }
    }, damage + " seed " + seed + ": reads within 10 s");
  }

  private static byte[] damage(Damage damage, byte[] file, SplittableRandom random) {
    byte[] b = file.clone();
    switch (damage) {
      case TRUNCATED -> {
        return Arrays.copyOf(b, random.nextInt(b.length));
      }
      case BIT_FLIPPED -> {
        for (int k = 1 + random.nextInt(8); k > 0; k--) {
          int at = random.nextInt(b.length);
          b[at] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      case SHUFFLED -> {
        // Cut into blocks at random points and put them back in a random order.
        List<byte[]> blocks = new ArrayList<>();
        int from = 0;
        while (from < b.length) {
          int to = Math.min(b.length, from + 1 + random.nextInt(24));
          blocks.add(Arrays.copyOfRange(b, from, to));
          from = to;
        }
        Collections.shuffle(blocks, new java.util.Random(random.nextLong()));
        byte[] out = new byte[b.length];
        int at = 0;
        for (byte[] block : blocks) {
          System.arraycopy(block, 0, out, at, block.length);
          at += block.length;
        }
        return out;
      }
      default -> throw new IllegalStateException();
    }
  }
}
