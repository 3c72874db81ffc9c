"""Reference parameter trajectories for OptimizersTest, with numpy (float64), from the update rules
documented for torch.optim.SGD, Adam and AdamW (PyTorch 2.x, single-tensor, non-capturable).

Run from this directory: python3 make_optimizers.py  (writes optimizers.npz)
"""
import numpy as np

rng = np.random.default_rng(77)
p0 = rng.normal(size=6)
grads = rng.normal(size=(3, 6))
lr = 0.1
out = {"p0": p0, "grads": grads}

def sgd(momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    p, buf, traj = p0.copy(), None, []
    for g in grads:
        g = g + weight_decay * p
        if momentum != 0:
            buf = g.copy() if buf is None else momentum * buf + (1 - dampening) * g
            g = g + momentum * buf if nesterov else buf
        p = p - lr * g
        traj.append(p)
    return np.array(traj)

def adam(beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled=False):
    p, m, v, traj = p0.copy(), np.zeros(6), np.zeros(6), []
    for t, g in enumerate(grads, start=1):
        if decoupled:
            p = p * (1 - lr * weight_decay)
        else:
            g = g + weight_decay * p
        m = m + (1 - beta1) * (g - m)
        v = beta2 * v + (1 - beta2) * g * g
        bc1, bc2 = 1 - beta1 ** t, 1 - beta2 ** t
        denom = np.sqrt(v) / np.sqrt(bc2) + eps
        p = p - (lr / bc1) * (m / denom)
        traj.append(p)
    return np.array(traj)

out["sgd_plain"] = sgd()
out["sgd_momentum"] = sgd(momentum=0.9, dampening=0.1, weight_decay=0.01)
out["sgd_nesterov"] = sgd(momentum=0.9, nesterov=True)
out["adam"] = adam()
out["adam_l2"] = adam(beta1=0.8, beta2=0.99, eps=1e-6, weight_decay=0.1)
out["adamw"] = adam(weight_decay=0.01, decoupled=True)
out["adamw_strong"] = adam(beta1=0.5, beta2=0.9, weight_decay=0.5, decoupled=True)
np.savez("optimizers.npz", **out)
