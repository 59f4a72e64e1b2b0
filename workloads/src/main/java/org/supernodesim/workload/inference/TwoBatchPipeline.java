package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * SGLang's two-batch overlap of a MoE model's sparse layers as its operations strategy runs them
 * (sglang/srt/batch_overlap/operations_strategy.py, {@code _compute_moe_deepseek_blog_prefill}
 * and {@code _compute_moe_deepseek_blog_decode}; lmsys.org/blog/2025-05-05-large-scale-ep
 * §"Two-batch Overlap"): each layer's operations of a micro-batch are cut into stages at the
 * strategy's yield points, and one compute stream runs the two micro-batches' stages in turn, the
 * second {@code delta} stages behind. A dispatch or combine is issued inside one stage of its
 * micro-batch and waited for in a later one, so it hides only under what the compute stream runs
 * in between (the other micro-batch's stage, and its own operations after the issue); what is left
 * of it stalls the stream. Per layer and micro-batch:
 *
 * <ul>
 *   <li>prefill (delta 0): [attention, gate, issue dispatch] | [wait dispatch, experts, issue
 *       combine] | [shared experts, wait combine] merged with the next layer's first stage;
 *   <li>decode (delta 2): [attention input projections] | [attention core, output projection,
 *       gate] | [issue dispatch, shared experts] | [wait dispatch, experts, issue combine] | [wait
 *       combine].
 * </ul>
 *
 * The all-to-alls of both micro-batches go through one channel in issue order (they share the
 * chip's NIC), each taking its priced time. Decode's DeepEP low-latency kernels run on the compute
 * stream and "either fully utilize SMs (during send/receive) or none (during inflight waiting)"
 * (the blog, "Ablation Study: Two-batch Overlap"): the send kernel holds the stream while it
 * posts its copies, the receive hook, once the data is in, while it unpacks or reduces it ({@link
 * Hooks}); the in-flight time takes no SMs. Prefill's normal kernels hold SMs beside the GEMMs,
 * which the stages' GEMM times carry when the options say how many ({@link
 * CommunicationSms}): SGLang caps DeepGEMM at the SMs DeepEP leaves for the whole overlapped
 * forward. The attention kernel is not capped; it takes every SM the GPU gives it, which is all
 * of them while the channel is idle and those the normal kernel leaves while one runs (a normal
 * dispatch or combine holds its {@code Buffer.num_sms} SMs from its launch to its end). So the
 * attention kernel ({@link AttentionKernel}: its time on the whole chip, part of the attention
 * core) runs at its {@code besideShare} of its rate for the part of it that meets a busy channel,
 * at full rate for the rest. The memory-bound kernels keep their time: HBM, not the SMs,
 * bounds them.
 *
 * @param decode decode's five stages (else prefill's)
 * @param layers sparse layers the pipeline runs over
 * @param stages what each stage computes, per micro-batch and layer
 * @param attention the part of {@code stages.attentionCore} that is the attention kernel, which an
 *     all-to-all slows ({@link AttentionKernel#none()} where none does)
 * @param hooks what the all-to-alls' own kernels hold the compute stream for, per micro-batch and
 *     layer ({@link Hooks#none()} where they hold none of it)
 */
public record TwoBatchPipeline(
    boolean decode, int layers, Stages stages, AttentionKernel attention, Hooks hooks) {
  public TwoBatchPipeline {
    if (attention.picos() > stages.attentionCore()) {
      throw new IllegalArgumentException("the attention kernel's " + attention.picos()
          + " ps must lie within the attention core's " + stages.attentionCore());
    }
  }

  /**
   * One micro-batch's compute in one sparse layer, by the stage the strategy runs it in.
   *
   * @param attentionInput attention's input projections
   * @param attentionCore attention kernel, output projection and router gate
   * @param shared the shared experts
   * @param experts the busiest rank's routed experts
   */
  public record Stages(long attentionInput, long attentionCore, long shared, long experts) {
    /** All four. */
    public long total() {
      return attentionInput + attentionCore + shared + experts;
    }
  }

  /**
   * The attention kernel, on every SM the GPU gives it: all of them while the channel is idle,
   * {@code besideShare} of them while an all-to-all runs.
   *
   * @param picos its time on every SM, a part of the attention core
   * @param besideShare the share of the SMs it has while an all-to-all runs (1: the all-to-all
   *     holds none)
   */
  public record AttentionKernel(long picos, double besideShare) {
    public AttentionKernel {
      if (picos < 0) {
        throw new IllegalArgumentException("the attention kernel's time must be >= 0 ps, not "
            + picos);
      }
      if (!(besideShare > 0 && besideShare <= 1)) {
        throw new IllegalArgumentException("the SMs' share beside an all-to-all must be in"
            + " (0, 1], not " + besideShare);
      }
    }

    /** No kernel that an all-to-all slows (its kernels hold no SMs, or none are modelled). */
    public static AttentionKernel none() {
      return new AttentionKernel(0, 1);
    }
  }

  /**
   * The compute-stream time of the low-latency all-to-all's SM phases, per micro-batch and layer:
   * the dispatch's and the combine's send kernels, run where they are issued, and their receive
   * hooks, run where they are waited for, after the data has arrived.
   */
  public record Hooks(
      long dispatchSend, long dispatchReceive, long combineSend, long combineReceive) {
    /** All-to-alls that hold none of the compute stream. */
    public static Hooks none() {
      return new Hooks(0, 0, 0, 0);
    }

    /** All four, one layer and micro-batch. */
    public long total() {
      return dispatchSend + dispatchReceive + combineSend + combineReceive;
    }
  }

  /** Compute of one sparse layer's stages, both micro-batches. */
  public long computePicos() {
    return 2L * layers * stages.total();
  }

  private sealed interface Op {}

  private record Compute(long picos) implements Op {}

  /** A kernel on every SM the GPU gives it: fewer while an all-to-all holds its own. */
  private record Beside(long picos) implements Op {}

  private record Issue(boolean dispatch) implements Op {}

  private record Await(boolean dispatch) implements Op {}

  /** The stages of one micro-batch over every sparse layer, as the strategy yields them. */
  private List<List<Op>> cutAtYields() {
    List<List<Op>> cut = new ArrayList<>();
    List<Op> current = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      // The attention core: the attention kernel, then the output projection and the gate.
      List<Op> core = List.of(new Beside(attention.picos()),
          new Compute(stages.attentionCore() - attention.picos()));
      List<List<Op>> layer = decode
          ? List.of(List.of(new Compute(stages.attentionInput())), core,
              List.of(new Issue(true), new Compute(stages.shared())),
              List.of(new Await(true), new Compute(stages.experts()), new Issue(false)),
              List.of(new Await(false)))
          : List.of(
              concat(List.of(new Compute(stages.attentionInput())), core, List.of(new Issue(true))),
              List.of(new Await(true), new Compute(stages.experts()), new Issue(false)),
              List.of(new Compute(stages.shared()), new Await(false)));
      for (int s = 0; s < layer.size(); s++) {
        current.addAll(layer.get(s));
        // Prefill's last stage has no yield after it: it runs on into the next layer's first.
        if (decode || s < layer.size() - 1) {
          cut.add(current);
          current = new ArrayList<>();
        }
      }
    }
    if (!current.isEmpty()) {
      cut.add(current);
    }
    return cut;
  }

  private static List<Op> concat(List<Op> a, List<Op> b, List<Op> c) {
    List<Op> all = new ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }

  /**
   * The sparse layers' time on the compute stream, both micro-batches, with each dispatch and
   * combine taking {@code dispatchPicos} and {@code combinePicos} (one micro-batch, one layer).
   */
  public long picos(long dispatchPicos, long combinePicos) {
    List<List<Op>> cut = cutAtYields();
    int delta = Math.min(decode ? 2 : 0, cut.size());
    // SGLang's executor: a's first delta stages, then a and b in turn, then b's last delta.
    List<int[]> order = new ArrayList<>();
    for (int s = 0; s < delta; s++) {
      order.add(new int[] {0, s});
    }
    for (int s = 0; s < cut.size() - delta; s++) {
      order.add(new int[] {0, s + delta});
      order.add(new int[] {1, s});
    }
    for (int s = cut.size() - delta; s < cut.size(); s++) {
      order.add(new int[] {1, s});
    }
    long now = 0;
    long channelFree = 0;
    // The channel's busy spans in order; an all-to-all issued later starts no earlier than the
    // compute before its issue ends, so a kernel meets only spans issued before it.
    List<long[]> busy = new ArrayList<>();
    int[] past = {0}; // spans before this index ended before the compute stream's time
    long[][] done = new long[2][2]; // per micro-batch: dispatch, combine arrival
    for (int[] at : order) {
      int mb = at[0];
      for (Op op : cut.get(at[1])) {
        if (op instanceof Compute c) {
          now += c.picos();
        } else if (op instanceof Beside b) {
          now = besideEnd(now, b.picos(), busy, past);
        } else if (op instanceof Issue i) {
          long start = Math.max(now, channelFree);
          channelFree = start + (i.dispatch() ? dispatchPicos : combinePicos);
          if (channelFree > start) {
            busy.add(new long[] {start, channelFree});
          }
          done[mb][i.dispatch() ? 0 : 1] = channelFree;
          // The send kernel posts the copies on the stream; the channel's time includes it.
          now += i.dispatch() ? hooks.dispatchSend() : hooks.combineSend();
        } else if (op instanceof Await w) {
          now = Math.max(now, done[mb][w.dispatch() ? 0 : 1])
              + (w.dispatch() ? hooks.dispatchReceive() : hooks.combineReceive());
        }
      }
    }
    return now;
  }

  /**
   * When a kernel of {@code picos} on every SM, started at {@code start}, ends: at {@code
   * besideShare} of its rate where it meets a busy span, at its full rate elsewhere. Spans from
   * {@code past[0]} on are looked at, and it moves past those that end by {@code start} (the
   * compute stream's time only grows).
   */
  private long besideEnd(long start, long picos, List<long[]> busy, int[] past) {
    while (past[0] < busy.size() && busy.get(past[0])[1] <= start) {
      past[0]++;
    }
    double besideShare = attention.besideShare();
    if (besideShare == 1 || picos == 0) {
      return start + picos;
    }
    long t = start;
    double left = picos;
    for (int i = past[0]; i < busy.size(); i++) {
      long[] span = busy.get(i);
      if (span[0] > t) {
        if (left <= span[0] - t) {
          return t + Math.round(left);
        }
        left -= span[0] - t;
        t = span[0];
      }
      double within = (span[1] - t) * besideShare;
      if (left <= within) {
        return t + Math.round(left / besideShare);
      }
      left -= within;
      t = span[1];
    }
    return t + Math.round(left);
  }
}
