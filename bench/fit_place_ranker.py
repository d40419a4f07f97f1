#!/usr/bin/env python3
"""Fits the place ranker's weights (src/extract/place_ranker.tsv).

Input: the TSV that `eval_extract --features` writes for the tuning split:
one row per candidate place of a name a note mentions, with the note and
name (group) it belongs to, label 1 when the candidate lies within 25 km of
the point ACLED coded for the note, and the ranker's features.

Model: a conditional logit. For one name, the probability that candidate i
is the place meant is softmax(w . x_i) over the name's candidates; the
weights w maximise the likelihood that the chosen place is one of the
labelled candidates, with an L2 penalty that pulls them towards a prior
(bench/place_ranker_prior.tsv): a feature the notes say little about keeps
about its prior weight, one they say much about moves to what they say.
Names whose candidates are all labelled alike say nothing about the choice
and are left out.

The penalty is chosen by 5-fold cross-validation over notes; the script
prints, for each fold held out, how often the top-ranked candidate is a
labelled one with the fitted weights and with the weights in force
(the --current file), then writes the weights fitted on all the notes.

    fit_place_ranker.py FEATURES.tsv --prior bench/place_ranker_prior.tsv \
        --current src/extract/place_ranker.tsv --out src/extract/place_ranker.tsv
"""
import argparse
import sys

import numpy as np


def read_features(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        names = header[4:]
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    if not rows:
        sys.exit(f"fit_place_ranker: {path} holds no candidates")
    notes = np.array([int(r[0]) for r in rows])
    groups = np.array([int(r[1]) for r in rows])
    labels = np.array([int(r[2]) for r in rows], dtype=float)
    x = np.array([[float(v) for v in r[4:]] for r in rows])
    return names, notes, groups, labels, x


def informative(groups, labels):
    """Indices of rows whose group has both a labelled and an unlabelled candidate."""
    keep = np.zeros(len(groups), dtype=bool)
    _, start = np.unique(groups, return_index=True)
    bounds = list(start) + [len(groups)]
    for a, b in zip(bounds[:-1], bounds[1:]):
        pos = labels[a:b].sum()
        if 0 < pos < b - a:
            keep[a:b] = True
    return keep


class Groups:
    """Rows of consecutive candidates, one block per name."""

    def __init__(self, groups):
        self.ids, self.index = np.unique(groups, return_inverse=True)
        self.count = len(self.ids)

    def sums(self, values):
        return np.bincount(self.index, weights=values, minlength=self.count)

    def maxes(self, values):
        out = np.full(self.count, -np.inf)
        np.maximum.at(out, self.index, values)
        return out


def loss_and_gradient(w, x, labels, g, penalty, prior):
    s = x @ w
    # Log-sum-exp over all the candidates of a name and over its labelled
    # ones, each shifted by its own maximum so that nothing underflows.
    top = g.maxes(s)
    e = np.exp(s - top[g.index])
    z = g.sums(e)
    sp = np.where(labels > 0, s, -np.inf)
    top_p = g.maxes(sp)
    ep = np.where(labels > 0, np.exp(sp - top_p[g.index]), 0.0)
    zp = g.sums(ep)
    p = e / z[g.index]               # softmax over the name's candidates
    q = ep / zp[g.index]             # the same over its labelled candidates
    d = w - prior
    loss = -np.sum(top_p + np.log(zp) - top - np.log(z)) + 0.5 * penalty * d @ d
    grad = x.T @ (p - q) + penalty * d
    return loss, grad


def fit(x, labels, groups, penalty, prior):
    g = Groups(groups)
    w = prior.copy()
    loss, grad = loss_and_gradient(w, x, labels, g, penalty, prior)
    step = 0.1
    for _ in range(3000):
        # Gradient descent with a backtracking step.
        while True:
            trial = w - step * grad
            trial_loss, trial_grad = loss_and_gradient(trial, x, labels, g, penalty, prior)
            if trial_loss <= loss - 0.5 * step * grad @ grad or step < 1e-10:
                break
            step *= 0.5
        converged = abs(loss - trial_loss) < 1e-9 * max(1.0, abs(loss))
        w, loss, grad = trial, trial_loss, trial_grad
        step *= 1.5
        if converged:
            break
    return w


def top1(w, x, labels, groups):
    """Share of names whose best-scored candidate is a labelled one."""
    s = x @ w
    g = Groups(groups)
    best = g.maxes(s)
    hit = np.zeros(g.count, dtype=bool)
    # Ties go against the ranker: the best must be labelled and unique.
    is_best = s >= best[g.index] - 1e-12
    best_count = np.bincount(g.index, weights=is_best, minlength=g.count)
    best_labelled = np.bincount(g.index, weights=is_best * labels, minlength=g.count)
    hit = best_labelled == best_count
    return hit.mean() if g.count else float("nan")


def read_weights(path, names):
    weights = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                name, value = line.split("\t")
                weights[name] = float(value)
    return np.array([weights[n] for n in names])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("features")
    ap.add_argument("--prior", required=True, help="the weights the penalty pulls towards")
    ap.add_argument("--current", required=True, help="the weights in force, for comparison")
    ap.add_argument("--out", required=True)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()

    names, notes, groups, labels, x = read_features(args.features)
    keep = informative(groups, labels)
    notes, groups, labels, x = notes[keep], groups[keep], labels[keep], x[keep]
    current = read_weights(args.current, names)
    prior = read_weights(args.prior, names)
    print(f"{len(np.unique(groups))} names with a choice to make, {len(groups)} candidates, "
          f"{len(np.unique(notes))} notes")

    rng = np.random.default_rng(7)
    note_ids = np.unique(notes)
    fold_of_note = dict(zip(note_ids, rng.integers(0, args.folds, len(note_ids))))
    fold = np.array([fold_of_note[n] for n in notes])

    penalties = [0.3, 1.0, 3.0, 10.0]
    results = {}
    for penalty in penalties:
        accs, base = [], []
        for k in range(args.folds):
            train, held = fold != k, fold == k
            w = fit(x[train], labels[train], groups[train], penalty, prior)
            accs.append(top1(w, x[held], labels[held], groups[held]))
            base.append(top1(current, x[held], labels[held], groups[held]))
        results[penalty] = (np.mean(accs), np.mean(base), accs)
        print(f"penalty {penalty:<5}: held-out top-1 {100 * np.mean(accs):.1f} % "
              f"(folds {', '.join(f'{100 * a:.1f}' for a in accs)}); weights in force {100 * np.mean(base):.1f} %")
    penalty = max(penalties, key=lambda p: results[p][0])
    w = fit(x, labels, groups, penalty, prior)
    print(f"chosen penalty {penalty}; top-1 on all the names: fitted {100 * top1(w, x, labels, groups):.1f} %, "
          f"in force {100 * top1(current, x, labels, groups):.1f} %")

    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Weights of the place ranker (extract/place_ranker.hpp), fitted by\n")
        f.write("# bench/fit_place_ranker.py as a conditional logit on the tuning split:\n")
        f.write(f"# {len(np.unique(groups))} names with a choice to make in {len(np.unique(notes))} notes, "
                f"L2 penalty {penalty} towards bench/place_ranker_prior.tsv.\n")
        f.write(f"# Held-out top-1 accuracy ({args.folds}-fold over notes): {100 * results[penalty][0]:.1f} % "
                f"(the weights it replaced: {100 * results[penalty][1]:.1f} %).\n")
        for name, value in zip(names, w):
            f.write(f"{name}\t{value:.4f}\n")
    for name, value in zip(names, w):
        print(f"  {name:<22} {value:+.3f}")


if __name__ == "__main__":
    main()
