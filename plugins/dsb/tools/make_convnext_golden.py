"""Writes the ConvNeXt-V2 golden test values: src/test/resources/dsb/convnext/convnext_golden.npz.

The model is the PyTorch ConvNeXt-V2 of the benchmark's reference script
(src/main/resources/io/timelapse/plugin/dsb/bench/dsb_torch_reference.py) at a reduced width,
dims [8, 16, 32, 64] with the atto depths [2, 2, 6, 2] (the same code path as atto, 1/25 of its
parameters), 3x28x28 input, 10 classes. Every parameter is drawn from a seeded normal (LayerNorm
gains around 1, GRN gains and shifts nonzero so GRN is exercised), then for two seeded images:
  logits          the eval-mode forward pass
  loss            mean cross-entropy against labels
  grad/<name>     d loss / d parameter (no drop path), for the one-step gradient check
Arrays are float32 except the int64 labels; parameters are stored as param/<Hugging Face name>.
Run with /usr/bin/python3 (torch 1.13, numpy) from plugins/dsb.
"""
import importlib.util
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, '..', 'src', 'main', 'resources', 'io', 'timelapse', 'plugin', 'dsb', 'bench',
                         'dsb_torch_reference.py')
OUT = os.path.join(HERE, '..', 'src', 'test', 'resources', 'dsb', 'convnext', 'convnext_golden.npz')


def load_reference():
    spec = importlib.util.spec_from_file_location('dsb_torch_reference', REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    reference = load_reference()
    torch.manual_seed(11)
    model = reference.ConvNextV2(channels=3, classes=10, depths=(2, 2, 6, 2), dims=(8, 16, 32, 64), drop_path_rate=0.0)
    with torch.no_grad():
        for name, p in model.named_parameters():
            fan_in = p[0].numel() if p.ndim > 1 else 1
            if 'layernorm' in name and name.endswith('weight'):
                p.copy_(1 + 0.2 * torch.randn_like(p))
            elif 'grn' in name:
                p.copy_(0.5 * torch.randn_like(p))
            elif p.ndim > 1:
                p.copy_(torch.randn_like(p) / fan_in ** 0.5)
            else:
                p.copy_(0.1 * torch.randn_like(p))
    images = torch.rand(2, 3, 28, 28)
    labels = torch.tensor([3, 7])
    model.eval()
    logits = model(images)
    loss = F.cross_entropy(logits, labels)
    model.zero_grad()
    loss.backward()
    arrays = {'images': images.numpy(), 'labels': labels.numpy(), 'logits': logits.detach().numpy(),
              'loss': loss.detach().numpy()}
    for name, p in model.named_parameters():
        arrays['param/' + name] = p.detach().numpy()
        arrays['grad/' + name] = p.grad.numpy()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    np.savez_compressed(OUT, **arrays)
    print(OUT, sum(p.numel() for p in model.parameters()), 'parameters')


if __name__ == '__main__':
    main()
