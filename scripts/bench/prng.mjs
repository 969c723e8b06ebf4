/**
 * A small seeded PRNG (mulberry32). The synthetic org must be byte-for-byte the same for the same
 * seed, so that commit hashes, and therefore cache keys, are comparable between benchmark runs.
 */
export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
  /** Up to `n` distinct items, in a stable order. */
  const sample = (items, n) => {
    if (items.length === 0 || n <= 0) return [];
    if (n >= items.length) return [...items];
    const chosen = new Set();
    while (chosen.size < n) chosen.add(Math.floor(next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  };
  return { next, int, pick, chance, sample };
}
