/** Wall time per stage, in the order the stages ran. */
export class Timings {
  readonly ms: Record<string, number> = {};
  async stage<T>(name: string, run: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await run();
    } finally {
      this.ms[name] = Math.round(performance.now() - start);
    }
  }

  /** Leaves stages out of the report that only decided there was nothing to do. */
  drop(...names: string[]): void {
    for (const n of names) delete this.ms[n];
  }
}
