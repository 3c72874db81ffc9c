#!/usr/bin/python3
"""PyTorch side of `timelapse bench dsb` (own code; the ideas of shared/bench/dsb_torch_baseline.py).

Measures, on the CPU with --threads threads, the workloads the Java side measures in the same run and
prints one JSON object on standard output:
  mlp       --mlp-steps training steps (an epoch of full batches of 128) of the MLP of `dsb train`
            (784-512-10, ReLU) on the Fashion-MNIST training set, AdamW, after --mlp-warmup untimed ones:
            the epoch's seconds (mlp_epoch_s) and each step's milliseconds (mlp_step_ms)
  convnext  ConvNeXt-V2-atto (patch 1) training steps at batch 128 on RGB-replicated 28x28 images, after
            --convnext-warmup untimed ones: each step's seconds (convnext.step_s)
  stats     10 class means and shrunk covariances (784-d, float64) and their Cholesky factors, once (stats_cholesky_s)
  probe     the forward pass, loss and accuracy of the MLP over --probe-images images, 3 times (probe_s)
Without torch it prints {"unavailable": reason} and exits 0, so the caller can say why.

The ConvNeXt-V2 module here carries Hugging Face's ConvNextV2ForImageClassification parameter names;
plugins/dsb/tools/make_convnext_golden.py imports it to write the model's golden test values.
"""
import argparse, gzip, json, math, os, time

import numpy as np

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as missing:
    if __name__ == '__main__':
        print(json.dumps({'unavailable': f'torch cannot be imported ({missing})'}))
        raise SystemExit(0)
    raise


class ChannelsFirstLayerNorm(nn.LayerNorm):
    """LayerNorm over the channels of NCHW tensors."""
    def forward(self, x):
        return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class GRN(nn.Module):
    """Global response normalisation on NHWC tensors, parameters [1, 1, 1, C] as Hugging Face's."""
    def __init__(self, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1, 1, 1, dim))
        self.bias = nn.Parameter(torch.zeros(1, 1, 1, dim))

    def forward(self, x):
        g = torch.norm(x, p=2, dim=(1, 2), keepdim=True)
        n = g / (g.mean(dim=-1, keepdim=True) + 1e-6)
        return self.weight * (x * n) + self.bias + x


def drop_path(x, rate, training):
    if rate == 0.0 or not training:
        return x
    keep = 1.0 - rate
    mask = torch.floor(keep + torch.rand((x.shape[0],) + (1,) * (x.ndim - 1), dtype=x.dtype))
    return x / keep * mask


class Block(nn.Module):
    def __init__(self, dim, rate):
        super().__init__()
        self.dwconv = nn.Conv2d(dim, dim, 7, padding=3, groups=dim)
        self.layernorm = nn.LayerNorm(dim, eps=1e-6)
        self.pwconv1 = nn.Linear(dim, 4 * dim)
        self.grn = GRN(4 * dim)
        self.pwconv2 = nn.Linear(4 * dim, dim)
        self.rate = rate

    def forward(self, x):
        y = self.dwconv(x).permute(0, 2, 3, 1)
        y = self.pwconv2(self.grn(F.gelu(self.pwconv1(self.layernorm(y))))).permute(0, 3, 1, 2)
        return x + drop_path(y, self.rate, self.training)


class Embeddings(nn.Module):
    def __init__(self, channels, dim):
        super().__init__()
        self.patch_embeddings = nn.Conv2d(channels, dim, 1, stride=1)
        self.layernorm = ChannelsFirstLayerNorm(dim, eps=1e-6)

    def forward(self, x):
        return self.layernorm(self.patch_embeddings(x))


class Stage(nn.Module):
    def __init__(self, in_dim, dim, depth, rates):
        super().__init__()
        self.downsampling_layer = nn.Identity() if in_dim == dim else nn.Sequential(
            ChannelsFirstLayerNorm(in_dim, eps=1e-6), nn.Conv2d(in_dim, dim, 2, stride=2))
        self.layers = nn.Sequential(*[Block(dim, r) for r in rates])

    def forward(self, x):
        return self.layers(self.downsampling_layer(x))


class Encoder(nn.Module):
    def __init__(self, depths, dims, drop_path_rate):
        super().__init__()
        rates = torch.linspace(0, drop_path_rate, sum(depths)).tolist()
        stages, start = [], 0
        for i, (depth, dim) in enumerate(zip(depths, dims)):
            stages.append(Stage(dims[max(i - 1, 0)], dim, depth, rates[start:start + depth]))
            start += depth
        self.stages = nn.ModuleList(stages)

    def forward(self, x):
        for stage in self.stages:
            x = stage(x)
        return x


class Body(nn.Module):
    def __init__(self, channels, depths, dims, drop_path_rate):
        super().__init__()
        self.embeddings = Embeddings(channels, dims[0])
        self.encoder = Encoder(depths, dims, drop_path_rate)
        self.layernorm = nn.LayerNorm(dims[-1], eps=1e-12)

    def forward(self, x):
        return self.layernorm(self.encoder(self.embeddings(x)).mean(dim=(2, 3)))


class ConvNextV2(nn.Module):
    """ConvNeXt V2 with patch size 1; atto by default."""
    def __init__(self, channels=3, classes=10, depths=(2, 2, 6, 2), dims=(40, 80, 160, 320), drop_path_rate=0.1):
        super().__init__()
        self.convnextv2 = Body(channels, depths, dims, drop_path_rate)
        self.classifier = nn.Linear(dims[-1], classes)

    def forward(self, x):
        return self.classifier(self.convnextv2(x))


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def adamw(params):
    return torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.95), weight_decay=0.05)


def read_idx(path):
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], 'big') for i in range(raw[3])]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * raw[3]).reshape(dims)


def find(folder, stem):
    for name in (stem + '.gz', stem):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise SystemExit(f'{folder}: no {stem}[.gz]')


def train_set(folder):
    x = read_idx(find(folder, 'train-images-idx3-ubyte')).reshape(-1, 784).astype(np.float32) / 255
    y = read_idx(find(folder, 'train-labels-idx1-ubyte')).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


def train_mlp(model, x, y, steps, batch, generator):
    """Trains `steps` steps and returns the seconds each step took."""
    opt = adamw(model.parameters())
    order = torch.randperm(len(x), generator=generator)
    times = []
    last = time.perf_counter()
    for step in range(steps):
        idx = order[(step * batch) % (len(x) - batch + 1):][:batch]
        loss = F.cross_entropy(model(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        now = time.perf_counter()
        times.append(now - last)
        last = now
    return times


def time_mlp(x, y, sizes, steps, warmup, batch, generator):
    """The seconds of the whole timed run, each timed step's seconds, and the trained model."""
    train_mlp(mlp(sizes), x, y, warmup, batch, generator)
    model = mlp(sizes)
    start = time.perf_counter()
    steps_s = train_mlp(model, x, y, steps, batch, generator)
    return time.perf_counter() - start, steps_s, model


def time_convnext_steps(x, y, steps, warmup, batch, generator):
    model = ConvNextV2()
    opt = adamw(model.parameters())
    model.train()
    order = torch.randperm(len(x), generator=generator)
    times = []
    for step in range(warmup + steps):
        idx = order[(step * batch) % len(x):][:batch]
        xb = x[idx].reshape(-1, 1, 28, 28).expand(-1, 3, -1, -1).contiguous()
        start = time.perf_counter()
        loss = F.cross_entropy(model(xb), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step >= warmup:
            times.append(time.perf_counter() - start)
    return {'step_s': times, 'steps': steps,
            'params': sum(p.numel() for p in model.parameters()), 'last_loss': float(loss)}


def time_stats(x, y):
    start = time.perf_counter()
    x64 = x.double()
    for k in range(10):
        xk = x64[y == k]
        n, p = xk.shape
        centered = xk - xk.mean(0)
        s = centered.T @ centered / n
        trace = torch.trace(s)
        s0 = trace * trace / p
        alpha = 1 - (trace * trace * s0 / n) / ((s * s).sum() * s0 - s0 * s0)
        shrunk = alpha * s + (1 - alpha) * trace / p * torch.eye(p, dtype=s.dtype)
        torch.linalg.cholesky(shrunk)
    return time.perf_counter() - start


def time_probe(model, x, y, images, batch):
    reps = (images + len(x) - 1) // len(x)
    xs, ys = x.repeat(reps, 1)[:images], y.repeat(reps)[:images]
    model.eval()
    times = []
    with torch.no_grad():
        for _ in range(3):
            start = time.perf_counter()
            loss, correct = 0.0, 0
            for i in range(0, images, batch):
                logits = model(xs[i:i + batch])
                loss += F.cross_entropy(logits, ys[i:i + batch], reduction='sum').item()
                correct += (logits.argmax(-1) == ys[i:i + batch]).sum().item()
            times.append(time.perf_counter() - start)
    return times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--parts', default='mlp,convnext,stats,probe')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--mlp-sizes', default='784,512,10')
    ap.add_argument('--batch', type=int, default=128)
    ap.add_argument('--mlp-steps', type=int, default=468)
    ap.add_argument('--convnext-steps', type=int, default=5)
    ap.add_argument('--convnext-warmup', type=int, default=2)
    ap.add_argument('--mlp-warmup', type=int, default=50)
    ap.add_argument('--probe-images', type=int, default=10240)
    ap.add_argument('--probe-batch', type=int, default=1024)
    ap.add_argument('--seed', type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    parts = set(args.parts.split(','))
    x, y = train_set(args.data)
    sizes = [int(s) for s in args.mlp_sizes.split(',')]
    out = {'torch': torch.__version__, 'threads': torch.get_num_threads()}
    model = None
    if 'mlp' in parts or 'probe' in parts:
        steps = args.mlp_steps if 'mlp' in parts else 1
        seconds, steps_s, model = time_mlp(x, y, sizes, steps, args.mlp_warmup, args.batch, generator)
        if 'mlp' in parts:
            out['mlp_epoch_s'] = seconds
            out['mlp_step_ms'] = [s * 1e3 for s in steps_s]
    if 'convnext' in parts:
        out['convnext'] = time_convnext_steps(x, y, args.convnext_steps, args.convnext_warmup, args.batch, generator)
    if 'stats' in parts:
        out['stats_cholesky_s'] = time_stats(x, y)
    if 'probe' in parts:
        out['probe_s'] = time_probe(model, x, y, args.probe_images, args.probe_batch)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
