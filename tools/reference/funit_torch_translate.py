#!/usr/bin/env python3
"""FUNIT K-shot translation in PyTorch eager (the modules of funit_torch.py), timed the way `./funit bench translate`
times ours (batch 1: the median of 50 passes; larger batches: the best of three), as the reference for issue 19's inference targets: each translation has its own K class images, no grad,
random weights (the official init) and random images.

    /usr/bin/python3 tools/reference/funit_torch_translate.py --preset font-64 --k 5 --batches 1,8,16,32,64

Prints one JSON line: images per second at each batch size and the process's peak RSS (VmHWM).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import funit_torch_train as train  # noqa: E402  (build: the official init)

PRESETS = {  # the architectures of our presets (common/core Presets), in the reference's config keys
    "font-64": {"gen_nf": 32, "gen_n_res_blks": 2, "nf_mlp": 128, "latent_dim": 64, "n_mlp_blks": 3,
                "n_downs_content": 2, "n_downs_class": 3, "dis_nf": 32, "dis_n_res_blks": 6, "num_classes": 300,
                "image_size": 64},
}


def seconds(gen, batch, k, size):
    content = torch.rand(batch, 3, size, size) * 2 - 1
    classes = torch.rand(batch, k, 3, size, size) * 2 - 1
    start = time.perf_counter()
    gen(content, classes)
    return time.perf_counter() - start


def images_per_second(gen, batch, k, size, requests, warmup):
    """As ours: batch 1 is 1 / the median of `requests` passes after `warmup` passes (ours needs them for its JIT);
    a batch is the best of three after one."""
    with torch.no_grad():
        for _ in range(warmup if batch == 1 else 1):
            seconds(gen, batch, k, size)
        if batch == 1:
            return 1 / statistics.median(seconds(gen, 1, k, size) for _ in range(requests))
        return batch / min(seconds(gen, batch, k, size) for _ in range(3))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preset", default="font-64", choices=sorted(PRESETS))
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--batches", default="1,8,16,32,64")
    parser.add_argument("--requests", type=int, default=50, help="batch-1 passes timed")
    parser.add_argument("--warmup-passes", type=int, default=300, help="batch-1 passes before timing, as ours")
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    cfg = PRESETS[args.preset]
    gen, _, _ = train.build(cfg)
    gen.eval()
    rates = {b: round(images_per_second(gen, int(b), args.k, cfg["image_size"], args.requests,
                                          args.warmup_passes), 2)
             for b in args.batches.split(",")}
    peak_kib = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                    if line.startswith("VmHWM:"))
    print(json.dumps({"engine": "pytorch " + torch.__version__, "threads": torch.get_num_threads(),
                      "preset": args.preset, "k": args.k, "images_per_second_by_batch": rates,
                      "peak_rss_mib": round(peak_kib / 1024, 1)}))


if __name__ == "__main__":
    main()
