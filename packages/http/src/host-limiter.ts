/**
 * Per-host concurrency limit plus a politeness delay between the starts of
 * two requests to the same host.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; queue: (() => void)[]; nextStart: number }>();

  constructor(
    private readonly concurrency: number,
    private readonly delayMs: number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async run<T>(host: string, task: () => Promise<T>, extraDelayMs = 0): Promise<T> {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, queue: [], nextStart: 0 };
      this.hosts.set(host, state);
    }
    const s = state;
    if (s.active >= this.concurrency) await new Promise<void>((resolve) => s.queue.push(resolve));
    s.active++;
    try {
      const delay = Math.max(this.delayMs, extraDelayMs);
      const now = Date.now();
      const start = Math.max(now, s.nextStart);
      s.nextStart = start + delay;
      if (start > now) await this.sleep(start - now);
      return await task();
    } finally {
      s.active--;
      s.queue.shift()?.();
    }
  }
}
