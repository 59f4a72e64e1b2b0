#!/usr/bin/env python3
"""Measures one GPU's matrix, attention and memory throughput for the compute calibration.

Run on the chip being calibrated (PyTorch with CUDA), e.g.
    OUT=/tmp/h200 python3 bench/calibration/measure_gpu.py --peak-bf16-tflops 989.4
It writes to $OUT:
  mamf.csv        the best BF16 matrix product over a grid of shapes (the "maximum achievable
                  matmul FLOPS" search of ml-engineering's mamf-finder, on a coarser grid)
  thin.csv        BF16 products whose smallest side d is 16..8192 (the others 8192): how the
                  rate falls with d, the shape the calibration's d / (d + d0) stands for
  attention.csv   PyTorch's fused attention (scaled_dot_product_attention), forward and
                  forward + backward, causal, head dim 128
  memory.csv      device-to-device copy and an elementwise kernel, bytes read + written per s
Timing: CUDA events around 10 repetitions after 3 warm-ups, inputs of random normal values
(zeros run faster), the GPU's clocks left as they are. Nothing in the simulator runs this; its
figures are data (calibration/measured/), with the machine, date and versions they came from.
"""
import argparse
import csv
import os
import platform
import sys
import time

import torch
import torch.nn.functional as F


def timed(fn, reps=10, warmups=3):
    for _ in range(warmups):
        fn()
    torch.cuda.synchronize()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(reps):
        fn()
    end.record()
    torch.cuda.synchronize()
    return start.elapsed_time(end) / 1e3 / reps  # seconds per call


def matmul_tflops(m, n, k):
    a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(k, n, device="cuda", dtype=torch.bfloat16)
    s = timed(lambda: torch.mm(a, b))
    del a, b
    return 2.0 * m * n * k / s / 1e12


def write(out, name, header, rows):
    with open(os.path.join(out, name), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--peak-bf16-tflops", type=float, required=True,
                   help="the chip's dense BF16 peak from the catalog, for the fractions")
    args = p.parse_args()
    out = os.environ.get("OUT", ".")
    peak = args.peak_bf16_tflops
    props = torch.cuda.get_device_properties(0)
    print(f"device {props.name}, {props.multi_processor_count} SMs, torch {torch.__version__},"
          f" CUDA {torch.version.cuda}, python {platform.python_version()},"
          f" {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}", flush=True)

    sizes = [4096, 6144, 8192, 10240, 12288, 16384]
    rows, best = [], (0.0, None)
    for m in sizes:
        for n in sizes:
            for k in [4096, 8192, 12288, 16384]:
                t = matmul_tflops(m, n, k)
                rows.append([m, n, k, f"{t:.1f}", f"{t / peak:.4f}"])
                if t > best[0]:
                    best = (t, (m, n, k))
    write(out, "mamf.csv", ["m", "n", "k", "tflops", "fraction_of_peak"], rows)
    print(f"mamf: best {best[0]:.1f} TFLOP/s = {best[0] / peak:.4f} of {peak} at m,n,k={best[1]}",
          flush=True)

    rows = []
    for d in [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192]:
        t = matmul_tflops(d, 8192, 8192)
        rows.append([d, 8192, 8192, f"{t:.1f}", f"{t / peak:.4f}"])
        print(f"thin: d={d} {t:.1f} TFLOP/s {t / peak:.4f}", flush=True)
    write(out, "thin.csv", ["m", "n", "k", "tflops", "fraction_of_peak"], rows)

    rows = []
    for b, h, s in [(8, 32, 2048), (4, 32, 4096), (2, 32, 8192)]:
        d = 128
        q, k_, v = (torch.randn(b, h, s, d, device="cuda", dtype=torch.bfloat16,
                                requires_grad=True) for _ in range(3))
        flops_fwd = 4.0 * b * h * s * s * d / 2  # causal: half the score matrix
        fwd = timed(lambda: F.scaled_dot_product_attention(q, k_, v, is_causal=True))

        def fwd_bwd():
            o = F.scaled_dot_product_attention(q, k_, v, is_causal=True)
            o.backward(torch.ones_like(o))

        both = timed(fwd_bwd)
        t_fwd = flops_fwd / fwd / 1e12
        t_both = 3.5 * flops_fwd / both / 1e12  # backward: 2.5 forwards of matrix work
        rows.append([b, h, s, d, f"{t_fwd:.1f}", f"{t_fwd / peak:.4f}", f"{t_both:.1f}",
                     f"{t_both / peak:.4f}"])
        print(f"attention b={b} h={h} s={s}: forward {t_fwd:.1f} TFLOP/s ({t_fwd / peak:.4f}),"
              f" forward+backward {t_both:.1f} ({t_both / peak:.4f})", flush=True)
        del q, k_, v
    write(out, "attention.csv", ["batch", "heads", "seq", "head_dim", "fwd_tflops",
                                 "fwd_fraction", "fwd_bwd_tflops", "fwd_bwd_fraction"], rows)

    n = 1 << 30  # 2 GiB of bf16 per tensor
    x = torch.randn(n, device="cuda", dtype=torch.bfloat16)
    y = torch.empty_like(x)
    z = torch.randn(n, device="cuda", dtype=torch.bfloat16)
    copy = timed(lambda: y.copy_(x))
    axpy = timed(lambda: torch.add(x, z, alpha=0.5, out=y))
    rows = [["copy", f"{2 * 2 * n / copy / 1e9:.0f}"], ["add", f"{3 * 2 * n / axpy / 1e9:.0f}"]]
    write(out, "memory.csv", ["kernel", "gb_per_s_read_plus_written"], rows)
    print(f"memory: copy {rows[0][1]} GB/s, add {rows[1][1]} GB/s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
