#!/usr/bin/env python3
"""FUNIT's whole training iteration in PyTorch eager, written from the spec (§3.1, §3.2, §4), for two jobs:

``fixture``: one iteration from the weights of funit-tiny.safetensors and a seeded batch, with RMSprop's running
average v started at a given constant (from v = 0, RMSprop's first step is lr·sign(g) for every element, so a
parity check would compare signs only). Writes the batch and each parameter's update θ_after − θ_before for G and D
(the EMA generator's update is 0.001 of G's: it starts at G's weights, as the official one does at step 0). The Java
parity test (TrainingParityTest) runs our iteration on the same inputs and compares the updates.

    /usr/bin/python3 tools/reference/funit_torch_train.py fixture \\
        common/model/src/test/resources/reference/funit-tiny.safetensors \\
        common/model/src/test/resources/reference/funit-tiny-train-step.safetensors

``bench``: times iterations of a configuration on random weights and data, for `./funit bench train --versus-torch`
(which runs this and ours alternately); prints one JSON line: seconds per iteration and the process's peak RSS.

    /usr/bin/python3 tools/reference/funit_torch_train.py bench --config '{"gen_nf": 32, ...}' --batch 8 --iterations 5

The step order and the losses are the official ones: D step (hinge on real class images, R1 on them by double
backward, hinge on translations by the current G, computed under no_grad), G step (hinge generator loss on the
translation and the reconstruction, L1 reconstruction, feature matching of both), each net's RMSprop (lr 1e-4,
weight decay 1e-4, alpha 0.99, eps 1e-8), then θ_ema ← 0.999·θ_ema + 0.001·θ.
"""

import argparse
import copy
import json
import os
import sys
import time
from collections import OrderedDict
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
import funit_numpy as ref  # noqa: E402  (safetensors reader/writer)
import funit_torch as nets  # noqa: E402  (the networks in the official module layout)

LR, WEIGHT_DECAY, ALPHA, EPS = 1e-4, 1e-4, 0.99, 1e-8
GAN_W, RECON_W, FM_W, R1_W, EMA_BETA = 1.0, 0.1, 1.0, 10.0, 0.999


def features(feat):
    """D's features averaged over space: (B, C)."""
    return feat.mean(dim=(2, 3))


def dis_step(gen, dis, dis_opt, xa, la, xb, lb):
    """Spec §3.1, in the official order of backward calls."""
    dis_opt.zero_grad()
    xb = xb.detach().clone().requires_grad_(True)
    real, _ = dis(xb, lb)
    loss_real = F.relu(1 - real).mean()
    (GAN_W * loss_real).backward(retain_graph=True)
    grad = torch.autograd.grad(real.mean(), xb, create_graph=True, retain_graph=True)[0]
    reg = grad.pow(2).reshape(grad.shape[0], -1).sum(1).mean()
    (R1_W * reg).backward()
    with torch.no_grad():
        xt = gen(xa, xb.detach().unsqueeze(1))
    fake, _ = dis(xt.detach(), lb)
    loss_fake = F.relu(1 + fake).mean()
    (GAN_W * loss_fake).backward()
    dis_opt.step()
    return float(loss_real), float(loss_fake), float(reg)


def gen_step(gen, dis, gen_opt, xa, la, xb, lb):
    """Spec §3.2: the real images' features are not detached (their gradient only reaches D, zeroed before its step)."""
    gen_opt.zero_grad()
    xt = gen(xa, xb.unsqueeze(1))
    xr = gen(xa, xa.unsqueeze(1))
    d_xt, f_xt = dis(xt, lb)
    d_xr, f_xr = dis(xr, la)
    _, f_xb = dis(xb, lb)
    _, f_xa = dis(xa, la)
    loss_adv = 0.5 * (-d_xt.mean() - d_xr.mean())
    loss_x = (xr - xa).abs().mean()
    loss_c = (features(f_xr) - features(f_xa)).abs().mean()
    loss_m = (features(f_xt) - features(f_xb)).abs().mean()
    total = GAN_W * loss_adv + RECON_W * loss_x + FM_W * (loss_c + loss_m)
    total.backward()
    gen_opt.step()
    return float(total)


def ema_step(gen_test, gen):
    with torch.no_grad():
        for (_, avg), (_, p) in zip(gen_test.named_parameters(), gen.named_parameters()):
            avg.mul_(EMA_BETA).add_(p, alpha=1 - EMA_BETA)


def iteration(gen, dis, gen_test, gen_opt, dis_opt, batch):
    dis_step(gen, dis, dis_opt, *batch)
    gen_step(gen, dis, gen_opt, *batch)
    ema_step(gen_test, gen)


def optimizer(net, square_avg_start):
    opt = torch.optim.RMSprop(net.parameters(), lr=LR, weight_decay=WEIGHT_DECAY, alpha=ALPHA, eps=EPS)
    if square_avg_start:
        for p in net.parameters():  # RMSprop keeps a state it finds (it only creates an empty one)
            opt.state[p] = {"step": torch.tensor(0.0), "square_avg": torch.full_like(p, square_avg_start)}
    return opt


def build(cfg, tensors=None):
    gen, dis = nets.Generator(cfg), nets.Discriminator(cfg)
    if tensors is None:
        for module in list(gen.modules()) + list(dis.modules()):  # the official init (spec §4)
            if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):
                torch.nn.init.kaiming_normal_(module.weight, a=0, mode="fan_in")
                if module.bias is not None:
                    torch.nn.init.zeros_(module.bias)
    else:
        nets.load(gen, tensors, lambda k: k.startswith(("enc_", "dec.", "mlp.")))
        nets.load(dis, tensors, lambda k: k.startswith("cnn_"))
    return gen, dis, copy.deepcopy(gen)


def fixture(src, dst, seed, square_avg_start):
    tensors, meta = ref.load_safetensors(src)
    cfg = json.loads(meta["config"])
    gen, dis, gen_test = build(cfg, tensors)
    b, s, classes = 2, cfg["image_size"], cfg["num_classes"]
    rng = np.random.default_rng(seed)
    batch_np = OrderedDict([
        ("train.xa", rng.uniform(-1, 1, (b, 3, s, s)).astype(np.float32)),
        ("train.la", rng.integers(0, classes, b).astype(np.int64)),
        ("train.xb", rng.uniform(-1, 1, (b, 3, s, s)).astype(np.float32)),
        ("train.lb", rng.integers(0, classes, b).astype(np.int64)),
    ])
    batch = [torch.from_numpy(v) for v in batch_np.values()]
    before_g = {k: v.detach().clone() for k, v in gen.state_dict().items() if not k.endswith("running_mean")
                and not k.endswith("running_var")}
    before_d = {k: v.detach().clone() for k, v in dis.state_dict().items()}
    iteration(gen, dis, gen_test, optimizer(gen, square_avg_start), optimizer(dis, square_avg_start), batch)
    written = OrderedDict(batch_np)
    for key, value in gen.state_dict().items():
        if key in before_g:
            written["delta.gen." + key] = (value.double() - before_g[key].double()).float().numpy()
    for key, value in dis.state_dict().items():
        written["delta.dis." + key] = (value.double() - before_d[key].double()).float().numpy()
    ema_error = max(float((gen_test.state_dict()[k] - before_g[k] - (1 - EMA_BETA) * (gen.state_dict()[k]
                    - before_g[k])).abs().max()) for k in before_g)
    out_meta = {"config": meta["config"], "weights": Path(src).name, "square_avg_start": repr(square_avg_start),
                "lr": repr(LR), "weight_decay": repr(WEIGHT_DECAY), "alpha": repr(ALPHA), "eps": repr(EPS),
                "loss": json.dumps({"gan_w": GAN_W, "recon_w": RECON_W, "fm_w": FM_W, "r1_w": R1_W}),
                "ema_beta": repr(EMA_BETA),
                "note": "one training iteration by tools/reference/funit_torch_train.py, PyTorch " + torch.__version__
                        + "; R1 by double backward"}
    ref.save_safetensors(Path(dst), written, out_meta)
    print(f"wrote {dst}: {sum(1 for k in written if k.startswith('delta.'))} parameter updates; "
          f"EMA update off 0.001 of G's by at most {ema_error:.1e}")


def bench(cfg, batch_size, iterations, warmup, seed, threads):
    # Debian's build starts with one intra-op thread on this machine; ours uses every core
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    gen, dis, gen_test = build(cfg)
    gen_opt, dis_opt = optimizer(gen, 0), optimizer(dis, 0)
    s, classes = cfg["image_size"], cfg["num_classes"]

    def batch():
        return [torch.rand(batch_size, 3, s, s) * 2 - 1, torch.randint(0, classes, (batch_size,)),
                torch.rand(batch_size, 3, s, s) * 2 - 1, torch.randint(0, classes, (batch_size,))]

    for _ in range(warmup):
        iteration(gen, dis, gen_test, gen_opt, dis_opt, batch())
    times = []
    for _ in range(iterations):
        data = batch()
        start = time.perf_counter()
        iteration(gen, dis, gen_test, gen_opt, dis_opt, data)
        times.append(time.perf_counter() - start)
    # VmHWM, not getrusage: ru_maxrss survives exec, so a child of a 2 GiB JVM would report the JVM's peak
    peak_kib = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                    if line.startswith("VmHWM:"))
    blas = Path("/etc/alternatives/libblas.so.3-x86_64-linux-gnu")
    print(json.dumps({"engine": "pytorch " + torch.__version__, "threads": torch.get_num_threads(),
                      "blas": str(blas.resolve()) if blas.exists() else "unknown",
                      "seconds_per_iteration": times, "peak_rss_bytes": peak_kib * 1024}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fixture")
    f.add_argument("src")
    f.add_argument("dst")
    f.add_argument("--seed", type=int, default=2019)
    f.add_argument("--square-avg-start", type=float, default=1e-4)
    b = sub.add_parser("bench")
    b.add_argument("--config", required=True, help="the architecture as JSON, keys as in a fixture's config")
    b.add_argument("--batch", type=int, required=True)
    b.add_argument("--iterations", type=int, default=5)
    b.add_argument("--warmup", type=int, default=2)
    b.add_argument("--seed", type=int, default=1)
    b.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    if args.command == "fixture":
        fixture(args.src, args.dst, args.seed, args.square_avg_start)
    else:
        bench(json.loads(args.config), args.batch, args.iterations, args.warmup, args.seed, args.threads)


if __name__ == "__main__":
    main()
