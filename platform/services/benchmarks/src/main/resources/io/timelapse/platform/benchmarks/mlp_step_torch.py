"""The PyTorch side of `timelapse bench mlp`: one AdamW training step of a 784-512-10 MLP, batch 128.

Usage: python3 mlp_step_torch.py THREADS STEPS   -> prints one JSON line.
"""
import json
import sys
import time

import torch

threads, steps = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10))
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss()
x = torch.randn(128, 784)
y = torch.randint(0, 10, (128,))


def step():
    optimizer.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss


for _ in range(20):
    step()
best = float("inf")
for _ in range(5):
    start = time.perf_counter()
    for _ in range(steps):
        step()
    best = min(best, (time.perf_counter() - start) / steps)
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "step_ms": best * 1e3,
                  "loss": float(step())}))
