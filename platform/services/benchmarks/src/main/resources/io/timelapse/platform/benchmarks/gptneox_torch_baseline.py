#!/usr/bin/env python3
"""CPU throughput baseline for a Pythia-70M-shaped GPT-NeoX forward (own minimal PyTorch code).

Usage: /usr/bin/python3 gptneox_torch_baseline.py [--threads N] [--quick]
Measures (random weights, fp32):
  (a) batched greedy generation: batch 32, 32-token prefixes, 32 new tokens
      - with KV cache
      - without KV cache, logits for last position only
      - without KV cache, logits for all positions (what HF generate(use_cache=False) computes)
      - teacher-forced single forward over 64 tokens (sufficient for the binary memorized/not label)
  (b) full-length forward over micro-batches of 2049-token sequences (tokens/s), with and without unembedding.
"""
import argparse, json, math, time
import torch

CFG = dict(num_hidden_layers=6, hidden_size=512, num_attention_heads=8, intermediate_size=2048,
           vocab_size=50304, rotary_pct=0.25, rotary_emb_base=10000, layer_norm_eps=1e-5,
           use_parallel_residual=True)

def make_params(cfg, seed=0):
    g = torch.Generator().manual_seed(seed)
    C, I, V = cfg["hidden_size"], cfg["intermediate_size"], cfg["vocab_size"]
    r = lambda *s: torch.randn(*s, generator=g) * 0.02
    P = {"embed": r(V, C), "ln_f_w": torch.ones(C), "ln_f_b": torch.zeros(C), "unembed": r(V, C), "layers": []}
    for _ in range(cfg["num_hidden_layers"]):
        P["layers"].append(dict(ln1_w=torch.ones(C), ln1_b=torch.zeros(C), ln2_w=torch.ones(C), ln2_b=torch.zeros(C),
                                qkv_w=r(3 * C, C), qkv_b=torch.zeros(3 * C), o_w=r(C, C), o_b=torch.zeros(C),
                                up_w=r(I, C), up_b=torch.zeros(I), down_w=r(C, I), down_b=torch.zeros(C)))
    return P

class Model:
    def __init__(self, cfg, P):
        self.cfg, self.P = cfg, P
        self.C = cfg["hidden_size"]; self.H = cfg["num_attention_heads"]; self.D = self.C // self.H
        self.R = int(self.D * cfg["rotary_pct"]); self.eps = cfg["layer_norm_eps"]
        half = self.R // 2
        inv = 1.0 / (cfg["rotary_emb_base"] ** (torch.arange(0, self.R, 2, dtype=torch.float32) / self.R))
        ang = torch.arange(4096, dtype=torch.float32)[:, None] * inv[None]
        self.cos, self.sin = torch.cos(ang), torch.sin(ang)
        self.half = half

    def rope(self, x, pos):
        h, R = self.half, self.R
        c, s = self.cos[pos][None, None], self.sin[pos][None, None]
        x1, x2, rest = x[..., :h], x[..., h:R], x[..., R:]
        return torch.cat([x1 * c - x2 * s, x2 * c + x1 * s, rest], -1)

    def forward(self, ids, start=0, cache=None, logits="all"):
        B, T = ids.shape
        C, H, D = self.C, self.H, self.D
        pos = torch.arange(start, start + T)
        x = self.P["embed"][ids]
        for i, L in enumerate(self.P["layers"]):
            h = torch.nn.functional.layer_norm(x, (C,), L["ln1_w"], L["ln1_b"], self.eps)
            qkv = torch.nn.functional.linear(h, L["qkv_w"], L["qkv_b"]).view(B, T, H, 3 * D).transpose(1, 2)
            q, k, v = qkv[..., :D], qkv[..., D:2 * D], qkv[..., 2 * D:]
            q, k = self.rope(q, pos), self.rope(k, pos)
            if cache is not None:
                if i in cache:
                    k = torch.cat([cache[i][0], k], 2); v = torch.cat([cache[i][1], v], 2)
                cache[i] = (k, v)
            s = torch.matmul(q, k.transpose(-1, -2)) * (D ** -0.5)
            Tk = k.shape[2]
            if T > 1:
                mask = torch.arange(Tk)[None, :] <= pos[:, None]
                s = s.masked_fill(~mask, float("-inf"))
            a = torch.matmul(torch.softmax(s, -1), v).transpose(1, 2).reshape(B, T, C)
            a = torch.nn.functional.linear(a, L["o_w"], L["o_b"])
            m = torch.nn.functional.layer_norm(x, (C,), L["ln2_w"], L["ln2_b"], self.eps)
            m = torch.nn.functional.linear(torch.nn.functional.gelu(torch.nn.functional.linear(m, L["up_w"], L["up_b"])), L["down_w"], L["down_b"])
            x = x + a + m
        x = torch.nn.functional.layer_norm(x, (C,), self.P["ln_f_w"], self.P["ln_f_b"], self.eps)
        if logits == "none":
            return x
        if logits == "last":
            x = x[:, -1:]
        return torch.nn.functional.linear(x, self.P["unembed"])

    def greedy_cache(self, prefix, n):
        cache = {}
        lg = self.forward(prefix, 0, cache, logits="last")
        out, p = [], prefix.shape[1]
        for t in range(n):
            nxt = lg[:, -1].argmax(-1, keepdim=True); out.append(nxt)
            if t + 1 < n:
                lg = self.forward(nxt, p, cache, logits="last"); p += 1
        return torch.cat(out, 1)

    def greedy_nocache(self, prefix, n, logits="last"):
        ids = prefix
        for _ in range(n):
            lg = self.forward(ids, 0, None, logits=logits)
            ids = torch.cat([ids, lg[:, -1].argmax(-1, keepdim=True)], 1)
        return ids[:, prefix.shape[1]:]

def timeit(fn, reps):
    fn_out = None; ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn_out = fn(); ts.append(time.perf_counter() - t0)
    return ts, fn_out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--fwd-micro", type=int, default=4, help="sequences per micro-batch for the 2049-token forward")
    ap.add_argument("--fwd-batches", type=int, default=2)
    ap.add_argument("--skip-no-cache", action="store_true", help="skip the (slow) greedy decoding without a KV cache")
    ap.add_argument("--repeats", type=int, default=None, help="timed repetitions of generation and the 64-token forward")
    a = ap.parse_args()
    gen_reps = a.repeats or (1 if a.quick else 3)
    fwd_reps = a.repeats or 3
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    m = Model(CFG, make_params(CFG))
    res = {"torch": torch.__version__, "threads": torch.get_num_threads(), "config": CFG}
    B, PL, N = 32, 32, 32
    prefix = torch.randint(0, CFG["vocab_size"], (B, PL))
    with torch.inference_mode():
        m.greedy_cache(prefix[:2], 4)  # warm-up
        ts, g1 = timeit(lambda: m.greedy_cache(prefix, N), gen_reps)
        t = min(ts)
        res["gen_kv_cache"] = {"seconds": t, "seq_per_s": B / t, "seconds_all": ts}
        if not a.skip_no_cache:
            t, g2 = timeit(lambda: m.greedy_nocache(prefix, N, "last"), 1); t = min(t)
            res["gen_no_cache_last_logits"] = {"seconds": t, "seq_per_s": B / t, "same_tokens_as_cache": bool(torch.equal(g1, g2))}
        if not a.quick and not a.skip_no_cache:
            t, g3 = timeit(lambda: m.greedy_nocache(prefix, N, "all"), 1); t = min(t)
            res["gen_no_cache_all_logits"] = {"seconds": t, "seq_per_s": B / t, "same_tokens_as_cache": bool(torch.equal(g1, g3))}
        full = torch.cat([prefix, g1], 1)
        ts, lg = timeit(lambda: m.forward(full, 0, None, "all"), fwd_reps)
        t = min(ts)
        res["teacher_forced_64tok"] = {"seconds": t, "seq_per_s": B / t, "seconds_all": ts,
                                       "exact_match_agrees": bool(torch.equal(lg[:, PL - 1:-1].argmax(-1), g1))}
        S = 2049
        x = torch.randint(0, CFG["vocab_size"], (a.fwd_micro, S))
        m.forward(x[:1, :64])
        for mode in ("all", "none"):
            ts = []
            for _ in range(a.fwd_batches):
                t0 = time.perf_counter(); m.forward(x, 0, None, mode); ts.append(time.perf_counter() - t0)
            tok = a.fwd_micro * S
            res[f"fwd_2049_{'with' if mode == 'all' else 'without'}_unembed"] = {
                "micro_batch": a.fwd_micro, "seconds_per_micro_batch": min(ts), "tokens_per_s": tok / min(ts), "seconds_all": ts,
                "est_seconds_for_64x2049": 64 * S / (tok / min(ts))}
    print(json.dumps(res, indent=1))

if __name__ == "__main__":
    main()
