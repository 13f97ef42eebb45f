/**
 * Failed authentications per client in fixed windows. Kept in memory, like the request budgets: a restart forgets
 * them, which an attacker gains nothing from that a window's end would not give. Bounded: when more clients than
 * `maxClients` have failed in one window, the oldest entries go first.
 */
export class FailureCounter {
  private readonly counts = new Map<string, { failures: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 100_000,
  ) {}

  add(client: string): void {
    const time = this.now();
    const entry = this.counts.get(client);
    if (entry && entry.resetAt > time) {
      entry.failures++;
      return;
    }
    this.counts.delete(client);
    if (this.counts.size >= this.maxClients) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(client, { failures: 1, resetAt: time + this.windowMs });
  }

  /** Seconds until the client may try again, or null when it is under the limit. */
  retryAfterSeconds(client: string): number | null {
    const entry = this.counts.get(client);
    const time = this.now();
    if (!entry || entry.resetAt <= time || entry.failures < this.max) return null;
    return Math.ceil((entry.resetAt - time) / 1000);
  }
}
