import { systemClock, type Clock } from './clock.js';

export interface RateLimit {
  /** Sustained calls per second. */
  perSecond: number;
  /** Calls allowed in a burst after an idle spell. */
  burst: number;
}

/**
 * A token bucket shared by every caller of one API account. Callers reserve a token up front (the balance may
 * go negative) so concurrent callers queue fairly instead of waking together and stampeding the API.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private blockedUntil = 0;

  constructor(
    private limit: RateLimit,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) throw new RangeError('rate limit must be positive');
    this.tokens = limit.burst;
    this.last = clock.now();
  }

  /** Milliseconds the caller must wait before its call; reserves the token. */
  reserve(): number {
    this.accrue();
    const now = this.last;
    this.tokens -= 1;
    const refillWait = this.tokens >= 0 ? 0 : (-this.tokens / this.limit.perSecond) * 1000;
    return Math.max(refillWait, this.blockedUntil - now);
  }

  /**
   * The API stated its actual rate (SP-API's `x-amzn-RateLimit-Limit`): tokens accrue at it from now on. The
   * balance is kept, so a faster rate does not release a fresh burst.
   */
  setRate(perSecond: number): void {
    if (!(perSecond > 0) || perSecond === this.limit.perSecond) return;
    this.accrue();
    this.limit = { ...this.limit, perSecond };
  }

  get perSecond(): number {
    return this.limit.perSecond;
  }

  /** Brings the balance up to now at the old rate. */
  private accrue(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond);
    this.last = now;
  }

  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.clock.sleep(wait);
  }

  /** The API said "not before then" (429 + Retry-After): nobody using this account calls before it. */
  pauseUntil(instant: number): void {
    if (instant > this.blockedUntil) this.blockedUntil = instant;
    // Tokens saved up before the pause must not burst out the moment it ends.
    this.tokens = Math.min(this.tokens, 0);
  }
}
