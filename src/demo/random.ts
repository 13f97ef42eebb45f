/** A small seeded PRNG (mulberry32): the demo and the benchmarks must be the same on every run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[item, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Fills a template: `#` a digit, `@` a capital letter, `*` either; other characters stay. */
  fill(template: string): string {
    let out = '';
    for (const ch of template) {
      if (ch === '#') out += String(this.int(0, 9));
      else if (ch === '@') out += String.fromCharCode(65 + this.int(0, 25));
      else if (ch === '*') out += this.chance(0.5) ? String(this.int(0, 9)) : String.fromCharCode(65 + this.int(0, 25));
      else out += ch;
    }
    return out;
  }
}
