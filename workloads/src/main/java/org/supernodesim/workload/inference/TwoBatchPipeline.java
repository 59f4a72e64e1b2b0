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
 * attention kernel ({@code attentionKernel}, its time on the whole chip, part of {@code
 * attentionCore}) runs at {@code besideShare} of its rate for the part of it that meets a busy
 * channel, at full rate for the rest. The memory-bound kernels keep their time: HBM, not the SMs,
 * bounds them.
 *
 * @param decode decode's five stages (else prefill's)
 * @param layers sparse layers the pipeline runs over
 * @param attentionInput per micro-batch and layer: attention's input projections
 * @param attentionCore attention kernel, output projection and router gate
 * @param shared the shared experts
 * @param experts the busiest rank's routed experts
 * @param attentionKernel the part of {@code attentionCore} that is the attention kernel, on every
 *     SM
 * @param besideShare the share of the SMs the attention kernel has while an all-to-all runs (1:
 *     the all-to-all holds none)
 * @param hooks what the all-to-alls' own kernels hold the compute stream for, per micro-batch and
 *     layer ({@link Hooks#NONE} where they hold none of it)
 */
public record TwoBatchPipeline(
    boolean decode, int layers, long attentionInput, long attentionCore, long shared,
    long experts, long attentionKernel, double besideShare, Hooks hooks) {
  public TwoBatchPipeline {
    if (attentionKernel < 0 || attentionKernel > attentionCore) {
      throw new IllegalArgumentException("the attention kernel's " + attentionKernel
          + " ps must lie within the attention core's " + attentionCore);
    }
    if (!(besideShare > 0 && besideShare <= 1)) {
      throw new IllegalArgumentException("the SMs' share beside an all-to-all must be in (0, 1],"
          + " not " + besideShare);
    }
  }

  /** Stages whose compute no all-to-all slows (its kernels hold no SMs, or none are modelled). */
  public TwoBatchPipeline(
      boolean decode, int layers, long attentionInput, long attentionCore, long shared,
      long experts) {
    this(decode, layers, attentionInput, attentionCore, shared, experts, 0, 1, Hooks.NONE);
  }

  /** Stages whose attention kernel an all-to-all slows, and whose all-to-alls hold no stream. */
  public TwoBatchPipeline(
      boolean decode, int layers, long attentionInput, long attentionCore, long shared,
      long experts, long attentionKernel, double besideShare) {
    this(decode, layers, attentionInput, attentionCore, shared, experts, attentionKernel,
        besideShare, Hooks.NONE);
  }

  /** Stages that no all-to-all slows, whose all-to-alls hold the stream for {@code hooks}. */
  public TwoBatchPipeline(
      boolean decode, int layers, long attentionInput, long attentionCore, long shared,
      long experts, Hooks hooks) {
    this(decode, layers, attentionInput, attentionCore, shared, experts, 0, 1, hooks);
  }

  /**
   * The compute-stream time of the low-latency all-to-all's SM phases, per micro-batch and layer:
   * the dispatch's and the combine's send kernels, run where they are issued, and their receive
   * hooks, run where they are waited for, after the data has arrived.
   */
  public record Hooks(
      long dispatchSend, long dispatchReceive, long combineSend, long combineReceive) {
    public static final Hooks NONE = new Hooks(0, 0, 0, 0);

    /** All four, one layer and micro-batch. */
    public long total() {
      return dispatchSend + dispatchReceive + combineSend + combineReceive;
    }
  }

  /** Compute of one sparse layer's stages, both micro-batches. */
  public long computePicos() {
    return 2L * layers * (attentionInput + attentionCore + shared + experts);
  }

  private sealed interface Op {}

  private record Compute(long picos) implements Op {}

  /** A kernel on every SM the GPU gives it: fewer while an all-to-all holds its own. */
  private record Beside(long picos) implements Op {}

  private record Issue(boolean dispatch) implements Op {}

  private record Await(boolean dispatch) implements Op {}

  /** The stages of one micro-batch over every sparse layer, as the strategy yields them. */
  private List<List<Op>> stages() {
    List<List<Op>> stages = new ArrayList<>();
    List<Op> current = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      // The attention core: the attention kernel, then the output projection and the gate.
      List<Op> core = List.of(new Beside(attentionKernel),
          new Compute(attentionCore - attentionKernel));
      List<List<Op>> layer = decode
          ? List.of(List.of(new Compute(attentionInput)), core,
              List.of(new Issue(true), new Compute(shared)),
              List.of(new Await(true), new Compute(experts), new Issue(false)),
              List.of(new Await(false)))
          : List.of(concat(List.of(new Compute(attentionInput)), core, List.of(new Issue(true))),
              List.of(new Await(true), new Compute(experts), new Issue(false)),
              List.of(new Compute(shared), new Await(false)));
      for (int s = 0; s < layer.size(); s++) {
        current.addAll(layer.get(s));
        // Prefill's last stage has no yield after it: it runs on into the next layer's first.
        if (decode || s < layer.size() - 1) {
          stages.add(current);
          current = new ArrayList<>();
        }
      }
    }
    if (!current.isEmpty()) {
      stages.add(current);
    }
    return stages;
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
    List<List<Op>> stages = stages();
    int delta = Math.min(decode ? 2 : 0, stages.size());
    // SGLang's executor: a's first delta stages, then a and b in turn, then b's last delta.
    List<int[]> order = new ArrayList<>();
    for (int s = 0; s < delta; s++) {
      order.add(new int[] {0, s});
    }
    for (int s = 0; s < stages.size() - delta; s++) {
      order.add(new int[] {0, s + delta});
      order.add(new int[] {1, s});
    }
    for (int s = stages.size() - delta; s < stages.size(); s++) {
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
      for (Op op : stages.get(at[1])) {
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
