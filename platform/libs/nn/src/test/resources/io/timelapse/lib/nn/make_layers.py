"""Reference outputs for LayersTest, written independently of the Java code with numpy (float64).

Run from this directory: python3 make_layers.py  (numpy 2.x; writes layers.npz)
Formulas follow PyTorch's documented semantics; see the README next to this file.
"""
import math
import numpy as np

rng = np.random.default_rng(20240611)
out = {}

def gelu(x):
    return 0.5 * x * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))

# Linear: y = x W^T + b
x = rng.normal(size=(2, 3, 5)); w = rng.normal(size=(4, 5)); b = rng.normal(size=4)
out.update(linear_x=x, linear_weight=w, linear_bias=b, linear_y=x @ w.T + b)

# LayerNorm over the last axis, biased variance, eps inside the sqrt
x = rng.normal(size=(2, 3, 6)) * 3 + 1; w = rng.normal(size=6); b = rng.normal(size=6)
mu = x.mean(-1, keepdims=True); var = ((x - mu) ** 2).mean(-1, keepdims=True)
out.update(ln_x=x, ln_weight=w, ln_bias=b, ln_y=(x - mu) / np.sqrt(var + 1e-5) * w + b)

# Mlp: fc2(gelu(fc1(x)))
x = rng.normal(size=(2, 3, 5)); w1 = rng.normal(size=(7, 5)); b1 = rng.normal(size=7)
w2 = rng.normal(size=(5, 7)); b2 = rng.normal(size=5)
out.update(mlp_x=x, mlp_fc1_weight=w1, mlp_fc1_bias=b1, mlp_fc2_weight=w2, mlp_fc2_bias=b2,
           mlp_y=gelu(x @ w1.T + b1) @ w2.T + b2)

# Attention with separate q/k/v/out projections, 2 heads of 8, rotary on the first 4 features
# (rotate-half), causal mask plus key padding (sequence 1 has its last two positions padded).
B, T, H, D, RD = 2, 5, 2, 8, 4
E = H * D
x = rng.normal(size=(B, T, E))
ws = {n: rng.normal(size=(E, E)) / math.sqrt(E) for n in ["q", "k", "v", "o"]}
bs = {n: rng.normal(size=E) * 0.1 for n in ["q", "k", "v", "o"]}
pad = np.ones((B, T), dtype=bool); pad[1, 3:] = False

def heads(t):
    return t.reshape(B, T, H, D).transpose(0, 2, 1, 3)

q, k, v = (heads(x @ ws[n].T + bs[n]) for n in ["q", "k", "v"])
inv = 1.0 / (10000.0 ** (np.arange(0, RD, 2) / RD))
ang = np.arange(T)[:, None] * inv[None, :]
emb = np.concatenate([ang, ang], -1)
cos, sin = np.cos(emb), np.sin(emb)

def rope(t):
    r, p = t[..., :RD], t[..., RD:]
    rot = np.concatenate([-r[..., RD // 2:], r[..., :RD // 2]], -1)
    return np.concatenate([r * cos + rot * sin, p], -1)

q, k = rope(q), rope(k)
s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(D)
allowed = np.tril(np.ones((T, T), dtype=bool))[None, None] & pad[:, None, None, :]
s = np.where(allowed, s, -np.inf)
p = np.exp(s - s.max(-1, keepdims=True)); p /= p.sum(-1, keepdims=True)
ctx = (p @ v).transpose(0, 2, 1, 3).reshape(B, T, E)
out.update(attn_x=x, attn_padding=pad, attn_y=ctx @ ws["o"].T + bs["o"],
           **{f"attn_{n}_weight": ws[n] for n in ws}, **{f"attn_{n}_bias": bs[n] for n in bs})

# Conv2d, PyTorch layout: weight [out, in, kh, kw]; stride (2, 1), padding (1, 1), dilation (1, 2)
N, C, Hh, Ww, O, KH, KW = 2, 3, 7, 6, 4, 3, 2
sh, sw, ph, pw, dh, dw = 2, 1, 1, 1, 1, 2
x = rng.normal(size=(N, C, Hh, Ww)); w = rng.normal(size=(O, C, KH, KW)); b = rng.normal(size=O)
xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
Ho = (Hh + 2 * ph - dh * (KH - 1) - 1) // sh + 1
Wo = (Ww + 2 * pw - dw * (KW - 1) - 1) // sw + 1
y = np.zeros((N, O, Ho, Wo))
for i in range(Ho):
    for j in range(Wo):
        patch = xp[:, :, i * sh: i * sh + dh * (KH - 1) + 1: dh, j * sw: j * sw + dw * (KW - 1) + 1: dw]
        y[:, :, i, j] = np.einsum("nchw,ochw->no", patch, w) + b
out.update(conv_x=x.transpose(0, 2, 3, 1), conv_weight=w, conv_bias=b, conv_y=y.transpose(0, 2, 3, 1))

# Pooling, kernel 3, stride 2, padding 1, NHWC: max pads with -inf, avg counts padded zeros
x = rng.normal(size=(2, 7, 6, 3))
def pool(x, fill, reduce):
    xp = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)), constant_values=fill)
    Ho = (x.shape[1] + 2 - 3) // 2 + 1; Wo = (x.shape[2] + 2 - 3) // 2 + 1
    y = np.zeros((x.shape[0], Ho, Wo, x.shape[3]))
    for i in range(Ho):
        for j in range(Wo):
            y[:, i, j, :] = reduce(xp[:, 2 * i:2 * i + 3, 2 * j:2 * j + 3, :], axis=(1, 2))
    return y
out.update(pool_x=x, maxpool_y=pool(x, -np.inf, np.max), avgpool_y=pool(x, 0.0, np.mean))

np.savez("layers.npz", **out)
