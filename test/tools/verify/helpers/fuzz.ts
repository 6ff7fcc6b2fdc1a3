/** Deterministic pseudo-random numbers (mulberry32) so a fuzz failure can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random corruption of a reply: flipped bytes, cut short, extended, or replaced with noise. */
export function mutate(reply: Buffer, rand: () => number): Buffer {
  const pick = Math.floor(rand() * 6);
  const out = Buffer.from(reply);
  const int = (n: number): number => Math.floor(rand() * n);
  switch (pick) {
    case 0: {
      const flips = 1 + int(4);
      for (let i = 0; i < flips; i += 1) out[2 + int(Math.max(1, out.length - 2))] ^= 1 << int(8);
      return out;
    }
    case 1:
      return out.subarray(0, int(out.length));
    case 2:
      return Buffer.concat([out, Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256)))]);
    case 3: {
      // Keep the ID so the reply is not simply ignored, randomise the rest.
      const noise = Buffer.from(Array.from({ length: int(600) }, () => int(256)));
      return Buffer.concat([out.subarray(0, 2), noise]);
    }
    case 4: {
      // Corrupt a count field in the header.
      const at = 4 + 2 * int(4);
      if (out.length >= at + 2) out.writeUInt16BE(int(65536), at);
      return out;
    }
    default: {
      // Corrupt a length or pointer byte somewhere after the header.
      if (out.length > 12) out[12 + int(out.length - 12)] = [0, 0xc0, 0xff, 63, 64][int(5)];
      return out;
    }
  }
}
