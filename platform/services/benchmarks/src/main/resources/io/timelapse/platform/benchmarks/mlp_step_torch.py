"""The PyTorch side of `timelapse bench mlp`: one AdamW training step of a 784-512-10 MLP, batch 128.

Usage: python3 mlp_step_torch.py THREADS STEPS [ROUNDS]   -> prints one JSON line: the milliseconds per step of each
of ROUNDS (default 5) rounds of STEPS steps (step_ms_rounds) and the best (step_ms).
"""
import json
import sys
import time

import torch

threads, steps = int(sys.argv[1]), int(sys.argv[2])
rounds_wanted = int(sys.argv[3]) if len(sys.argv) > 3 else 5
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
rounds = []
for _ in range(rounds_wanted):
    start = time.perf_counter()
    for _ in range(steps):
        step()
    rounds.append((time.perf_counter() - start) / steps * 1e3)
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "step_ms": min(rounds),
                  "step_ms_rounds": rounds, "loss": float(step())}))
