#!/usr/bin/env python3
"""FUNIT's generator and discriminator as PyTorch modules, written from the spec, for the fidelity check.

The official code cannot be fetched here, but Debian ships PyTorch (``apt-get install python3-torch``, 1.13). This
file builds the networks the way spec §1-§2 describes the official modules (nn.Sequential children with the official
names, nn.ReflectionPad2d, nn.InstanceNorm2d, AdaIN through F.batch_norm on a (1, B*C, H, W) view, nn.Upsample,
nn.AvgPool2d, and the discriminator's LeakyReLU(inplace=True) before each convolution, so its aliasing is PyTorch's
own, not a model of it). It loads the weights of a fixture written by funit_numpy.py with load_state_dict (the key
names must match exactly; only the unused AdaIN running buffers may be missing), runs the fixture's inputs in float32
and writes a copy of the fixture whose outputs are PyTorch's. `./funit model check-reference` then compares the DJL
implementation with PyTorch's kernels and semantics.

    /usr/bin/python3 tools/reference/funit_torch.py common/model/src/test/resources/reference/funit-tiny.safetensors OUT
"""

import json
import sys
from collections import OrderedDict
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
import funit_numpy as ref  # noqa: E402  (the layer list and the safetensors reader/writer only)


class AdaIn(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.weight = None
        self.bias = None
        self.register_buffer("running_mean", torch.zeros(c))
        self.register_buffer("running_var", torch.ones(c))

    def forward(self, x):
        b, c = x.shape[:2]
        y = F.batch_norm(x.contiguous().view(1, b * c, *x.shape[2:]), self.running_mean.repeat(b),
                         self.running_var.repeat(b), self.weight, self.bias, True, 0.1, 1e-5)
        return y.view(x.shape)


class Conv2dBlock(nn.Module):
    def __init__(self, cin, cout, k, stride, pad, norm="none", act="none", act_first=False, bias=True):
        super().__init__()
        self.act_first = act_first
        # the official 1×1 blocks (D's conv_s and cnn_c) keep the default zero padding of 0: the same forward, but
        # a reflection pad would save its input for backward, which conv_0's in-place LeakyReLU then rewrites
        self.pad = nn.ReflectionPad2d(pad) if pad else nn.ZeroPad2d(0)
        self.norm = {"none": None, "in": nn.InstanceNorm2d(cout), "adain": AdaIn(cout)}[norm]
        self.activation = {"none": None, "relu": nn.ReLU(inplace=True), "lrelu": nn.LeakyReLU(0.2, inplace=True),
                           "tanh": nn.Tanh()}[act]
        self.conv = nn.Conv2d(cin, cout, k, stride, bias=bias)

    def forward(self, x):
        if self.act_first and self.activation is not None:
            x = self.activation(x)
        x = self.conv(self.pad(x))
        if self.norm is not None:
            x = self.norm(x)
        if not self.act_first and self.activation is not None:
            x = self.activation(x)
        return x


class ResBlock(nn.Module):
    def __init__(self, c, norm):
        super().__init__()
        self.model = nn.Sequential(Conv2dBlock(c, c, 3, 1, 1, norm, "relu"), Conv2dBlock(c, c, 3, 1, 1, norm))

    def forward(self, x):
        return x + self.model(x)


class ResBlocks(nn.Module):
    def __init__(self, n, c, norm):
        super().__init__()
        self.model = nn.Sequential(*[ResBlock(c, norm) for _ in range(n)])

    def forward(self, x):
        return self.model(x)


class Seq(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


class LinearBlock(nn.Module):
    def __init__(self, cin, cout, relu):
        super().__init__()
        self.fc = nn.Linear(cin, cout)
        self.activation = nn.ReLU(inplace=True) if relu else None

    def forward(self, x):
        x = self.fc(x)
        return self.activation(x) if self.activation is not None else x


class Generator(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        nf, ndc, ndk = cfg["gen_nf"], cfg["n_downs_content"], cfg["n_downs_class"]
        layers, d = [Conv2dBlock(3, nf, 7, 1, 3, "none", "relu")], nf
        for i in range(ndk):
            out = 2 * d if i < 2 else d
            layers.append(Conv2dBlock(d, out, 4, 2, 1, "none", "relu"))
            d = out
        layers += [nn.AdaptiveAvgPool2d(1), nn.Conv2d(d, cfg["latent_dim"], 1)]
        self.enc_class_model = Seq(*layers)
        layers, d = [Conv2dBlock(3, nf, 7, 1, 3, "in", "relu")], nf
        for _ in range(ndc):
            layers.append(Conv2dBlock(d, 2 * d, 4, 2, 1, "in", "relu"))
            d *= 2
        layers.append(ResBlocks(cfg["gen_n_res_blks"], d, "in"))
        self.enc_content = Seq(*layers)
        layers = [ResBlocks(cfg["gen_n_res_blks"], d, "adain")]
        for _ in range(ndc):
            layers += [nn.Upsample(scale_factor=2), Conv2dBlock(d, d // 2, 5, 1, 2, "in", "relu")]
            d //= 2
        layers.append(Conv2dBlock(d, 3, 7, 1, 3, "none", "tanh"))
        self.dec = Seq(*layers)
        nm, dims = cfg["n_mlp_blks"], None
        dims = [cfg["latent_dim"]] + [cfg["nf_mlp"]] * (nm - 1) + [ref.num_adain_params(cfg)]
        self.mlp = Seq(*[LinearBlock(dims[i], dims[i + 1], i < nm - 1) for i in range(nm)])

    def forward(self, content, klass):
        b, k = klass.shape[:2]
        codes = self.enc_class_model(klass.reshape(b * k, *klass.shape[2:])).view(b, k, -1).mean(1)
        params = self.mlp(codes)
        for m in self.dec.modules():  # bias first, then weight, C each, in module order (spec §1.6)
            if isinstance(m, AdaIn):
                c = m.running_mean.numel()
                m.bias = params[:, :c].contiguous().view(-1)
                m.weight = params[:, c:2 * c].contiguous().view(-1)
                params = params[:, 2 * c:]
        return self.dec(self.enc_content(content))


class ActFirstResBlock(nn.Module):
    def __init__(self, fin, fout):
        super().__init__()
        self.learned = fin != fout
        fh = min(fin, fout)
        self.conv_0 = Conv2dBlock(fin, fh, 3, 1, 1, "none", "lrelu", act_first=True)
        self.conv_1 = Conv2dBlock(fh, fout, 3, 1, 1, "none", "lrelu", act_first=True)
        if self.learned:
            self.conv_s = Conv2dBlock(fin, fout, 1, 1, 0, "none", "none", bias=False)

    def forward(self, x):
        x_s = self.conv_s(x) if self.learned else x  # before conv_0's in-place LeakyReLU rewrites x
        return x_s + self.conv_1(self.conv_0(x))


class Discriminator(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        layers, feat = ref.dis_layers(cfg)
        built = []
        for _, kind, fin, fout in layers:
            built.append({"conv0": lambda: Conv2dBlock(3, fout, 7, 1, 3),
                          "arb": lambda: ActFirstResBlock(fin, fout),
                          "pad": lambda: nn.ReflectionPad2d(1),
                          "pool": lambda: nn.AvgPool2d(3, 2)}[kind]())
        self.cnn_f = nn.Sequential(*built)
        self.cnn_c = nn.Sequential(Conv2dBlock(feat, cfg["num_classes"], 1, 1, 0, "none", "lrelu", act_first=True))

    def forward(self, x, labels):
        feat = self.cnn_f(x)
        out = self.cnn_c(feat)  # its in-place LeakyReLU also rewrites feat, as in the official code
        return out[torch.arange(x.shape[0]), labels], feat


def load(net, tensors, prefix_of):
    state = {k: torch.from_numpy(np.array(v)) for k, v in tensors.items() if prefix_of(k)}
    result = net.load_state_dict(state, strict=False)
    missing = [k for k in result.missing_keys if not k.endswith(("running_mean", "running_var"))]
    if missing or result.unexpected_keys:
        raise SystemExit(f"key mismatch: missing {missing}, unexpected {result.unexpected_keys}")


def main(src, dst):
    tensors, meta = ref.load_safetensors(src)
    cfg = json.loads(meta["config"])
    gen, dis = Generator(cfg), Discriminator(cfg)
    load(gen, tensors, lambda k: k.startswith(("enc_", "dec.", "mlp.")))
    load(dis, tensors, lambda k: k.startswith("cnn_"))
    t = {k: torch.from_numpy(np.array(v)) for k, v in tensors.items() if k.startswith("input.")}
    with torch.no_grad():
        translation = gen(t["input.content"], t["input.class"])
        d_out, d_feat = dis(t["input.dis"].clone(), t["input.dis_labels"])
    outputs = {"output.translation": translation, "output.dis": d_out, "output.dis_feat": d_feat}
    for name, value in outputs.items():
        diff = float(np.max(np.abs(value.numpy().astype(np.float64) - tensors[name])))
        print(f"{name}: PyTorch {torch.__version__} vs the NumPy reference, max abs diff {diff:.2e}")
    written = OrderedDict((k, np.array(v)) for k, v in tensors.items())
    written.update({k: v.numpy() for k, v in outputs.items()})
    meta = dict(meta, note="outputs computed by tools/reference/funit_torch.py with PyTorch " + torch.__version__)
    ref.save_safetensors(Path(dst), written, meta)
    print(f"wrote {dst}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
