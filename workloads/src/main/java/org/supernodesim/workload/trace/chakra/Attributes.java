package org.supernodesim.workload.trace.chakra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.supernodesim.workload.trace.TraceInputException;
import org.supernodesim.workload.trace.chakra.schema.ChakraSchema.AttributeProto;

/**
 * A node's attributes by name, read as the numbers, strings and lists they stand for whatever
 * integer or floating type a producer chose (Chakra's converters write {@code int64_val}, others
 * {@code uint64_val} or {@code double_val}). A value of the wrong kind is an error naming the
 * attribute.
 */
final class Attributes {

  /** Attributes of PyTorch-captured traces that locate an operator but do not change its time. */
  static final Set<String> DESCRIPTIVE =
      Set.of("rf_id", "fw_parent", "seq_id", "scope", "tid", "fw_tid", "op_schema");

  @FunctionalInterface
  interface Errors {
    TraceInputException error(String problem);
  }

  private final Map<String, AttributeProto> byName = new LinkedHashMap<>();
  private final Errors errors;

  Attributes(List<AttributeProto> attributes, Errors errors) {
    this.errors = errors;
    for (AttributeProto a : attributes) {
      if (byName.put(a.getName(), a) != null) {
        throw errors.error("attribute " + a.getName() + " is given twice");
      }
    }
  }

  Set<String> names() {
    return byName.keySet();
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  /** An integer attribute; a floating value must be whole. */
  long integer(String name) {
    AttributeProto a = require(name);
    switch (a.getValueCase()) {
      case INT32_VAL:
        return a.getInt32Val();
      case INT64_VAL:
        return a.getInt64Val();
      case UINT32_VAL:
        return Integer.toUnsignedLong(a.getUint32Val());
      case UINT64_VAL:
        return nonNegative(name, a.getUint64Val());
      case SINT32_VAL:
        return a.getSint32Val();
      case SINT64_VAL:
        return a.getSint64Val();
      case FIXED32_VAL:
        return Integer.toUnsignedLong(a.getFixed32Val());
      case FIXED64_VAL:
        return nonNegative(name, a.getFixed64Val());
      case SFIXED32_VAL:
        return a.getSfixed32Val();
      case SFIXED64_VAL:
        return a.getSfixed64Val();
      case DOUBLE_VAL:
      case FLOAT_VAL:
        double d = number(name);
        if (d != Math.rint(d) || Math.abs(d) > 9.0e18) {
          throw errors.error("attribute " + name + " is " + d + ", not a whole number");
        }
        return (long) d;
      default:
        throw wrongKind(a, "an integer");
    }
  }

  /** An integer attribute, or {@code otherwise} if the node does not have it. */
  long integer(String name, long otherwise) {
    return has(name) ? integer(name) : otherwise;
  }

  /** A numeric attribute of any type, as a double. */
  double number(String name) {
    AttributeProto a = require(name);
    switch (a.getValueCase()) {
      case DOUBLE_VAL:
        return finite(name, a.getDoubleVal());
      case FLOAT_VAL:
        return finite(name, a.getFloatVal());
      case UINT64_VAL:
      case FIXED64_VAL:
        long v = a.getValueCase() == AttributeProto.ValueCase.UINT64_VAL
            ? a.getUint64Val() : a.getFixed64Val();
        return v >= 0 ? v : Math.scalb((double) (v >>> 1), 1);
      default:
        return integer(name);
    }
  }

  String string(String name) {
    AttributeProto a = require(name);
    if (a.getValueCase() != AttributeProto.ValueCase.STRING_VAL) {
      throw wrongKind(a, "a string");
    }
    return a.getStringVal();
  }

  boolean bool(String name, boolean otherwise) {
    if (!has(name)) {
      return otherwise;
    }
    AttributeProto a = require(name);
    switch (a.getValueCase()) {
      case BOOL_VAL:
        return a.getBoolVal();
      case INT32_VAL:
      case INT64_VAL:
      case UINT32_VAL:
      case UINT64_VAL:
        return integer(name) != 0;
      default:
        throw wrongKind(a, "a boolean");
    }
  }

  /** A list of integers (any integer list type). */
  List<Long> integers(String name) {
    AttributeProto a = require(name);
    switch (a.getValueCase()) {
      case INT64_LIST:
        return a.getInt64List().getValuesList();
      case UINT64_LIST:
        return a.getUint64List().getValuesList();
      case INT32_LIST:
        return widen(a.getInt32List().getValuesList());
      case UINT32_LIST:
        return widen(a.getUint32List().getValuesList());
      case SINT64_LIST:
        return a.getSint64List().getValuesList();
      case SINT32_LIST:
        return widen(a.getSint32List().getValuesList());
      default:
        throw wrongKind(a, "a list of integers");
    }
  }

  List<Double> doubles(String name) {
    AttributeProto a = require(name);
    if (a.getValueCase() != AttributeProto.ValueCase.DOUBLE_LIST) {
      throw wrongKind(a, "a list of doubles");
    }
    return a.getDoubleList().getValuesList();
  }

  List<String> strings(String name) {
    AttributeProto a = require(name);
    if (a.getValueCase() != AttributeProto.ValueCase.STRING_LIST) {
      throw wrongKind(a, "a list of strings");
    }
    return a.getStringList().getValuesList();
  }

  private AttributeProto require(String name) {
    AttributeProto a = byName.get(name);
    if (a == null) {
      throw errors.error("attribute " + name + " is missing");
    }
    if (a.getValueCase() == AttributeProto.ValueCase.VALUE_NOT_SET) {
      throw errors.error("attribute " + name + " has no value");
    }
    return a;
  }

  private long nonNegative(String name, long v) {
    if (v < 0) {
      throw errors.error("attribute " + name + " is " + Long.toUnsignedString(v)
          + ", beyond what a simulation can represent (2^63 - 1)");
    }
    return v;
  }

  private double finite(String name, double v) {
    if (!Double.isFinite(v)) {
      throw errors.error("attribute " + name + " is " + v + ", not a finite number");
    }
    return v;
  }

  private TraceInputException wrongKind(AttributeProto a, String wanted) {
    return errors.error("attribute " + a.getName() + " holds "
        + a.getValueCase().name().toLowerCase() + ", not " + wanted);
  }

  private static List<Long> widen(List<Integer> ints) {
    List<Long> out = new ArrayList<>(ints.size());
    for (int i : ints) {
      out.add((long) i);
    }
    return out;
  }
}
