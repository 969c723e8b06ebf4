/**
 * Calling a plugin's hook: a failure is a diagnostic naming the plugin (and the entity), never the
 * end of the build. A hook that throws, outlives its time limit or returns a shape Playbill cannot
 * use yields `plugin.failed`, `plugin.timeout` or `plugin.invalid` and its result is dropped; after
 * a few failures of the same hook it is not called again this build, so one broken plugin over
 * 10,000 entities is a handful of lines, not 10,000 (and not 10,000 timeouts).
 */
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import type { LoadedPlugin } from './types.js';

const MAX_FAILURES = 5;

export class HookRunner {
  readonly diagnostics: Diagnostic[] = [];
  private readonly failures = new Map<string, number>();

  /** A warning with the plugin's name on it, for `ctx.warn`. */
  warn(plugin: LoadedPlugin, message: string, where: { file?: string; line?: number; entityRef?: string; source?: string } = {}): void {
    this.diagnostics.push({ severity: 'warning', code: 'plugin.warning', message: `plugin ${plugin.name}: ${String(message).slice(0, 2000)}`, ...where });
  }

  private failed(plugin: LoadedPlugin, hook: string, code: string, message: string, entityRef?: string): void {
    const key = `${plugin.name}\0${hook}`;
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    const stop = n === MAX_FAILURES ? `; ${hook} is not called again in this build` : '';
    this.diagnostics.push({ severity: 'error', code, message: `plugin ${plugin.name}: ${hook} ${message}${stop}`, ...(entityRef ? { entityRef } : {}) });
  }

  /** Whether a hook gave up after too many failures. */
  stopped(plugin: LoadedPlugin, hook: string): boolean {
    return (this.failures.get(`${plugin.name}\0${hook}`) ?? 0) >= MAX_FAILURES;
  }

  /** A hook's result parsed by `schema`, or undefined after a diagnostic. */
  async call<S extends z.ZodType>(plugin: LoadedPlugin, hook: string, schema: S, fn: () => unknown, entityRef?: string): Promise<z.output<S> | undefined> {
    if (this.stopped(plugin, hook)) return undefined;
    let timer: NodeJS.Timeout | undefined;
    let value: unknown;
    try {
      const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), plugin.timeoutMs); });
      const result = await Promise.race([Promise.resolve().then(fn), timeout]);
      if (result === 'timeout') {
        this.failed(plugin, hook, 'plugin.timeout', `took longer than ${plugin.timeoutMs} ms (timeout_ms); its result is dropped`, entityRef);
        return undefined;
      }
      value = result;
    } catch (e) {
      this.failed(plugin, hook, 'plugin.failed', `threw: ${messageOf(e)}`, entityRef);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
    return this.parse(plugin, hook, schema, value, entityRef);
  }

  /** The same for a synchronous hook (a catalog document, a check): no time limit can stop a loop, so it has none. */
  callSync<S extends z.ZodType>(plugin: LoadedPlugin, hook: string, schema: S, fn: () => unknown, entityRef?: string): z.output<S> | undefined {
    if (this.stopped(plugin, hook)) return undefined;
    let value: unknown;
    try {
      value = fn();
    } catch (e) {
      this.failed(plugin, hook, 'plugin.failed', `threw: ${messageOf(e)}`, entityRef);
      return undefined;
    }
    if (value instanceof Promise) {
      value.catch(() => undefined);
      this.failed(plugin, hook, 'plugin.invalid', 'returned a promise; this hook must be synchronous', entityRef);
      return undefined;
    }
    return this.parse(plugin, hook, schema, value, entityRef);
  }

  private parse<S extends z.ZodType>(plugin: LoadedPlugin, hook: string, schema: S, value: unknown, entityRef?: string): z.output<S> | undefined {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
    this.failed(plugin, hook, 'plugin.invalid', `returned what Playbill cannot use${at}: ${issue.message}`, entityRef);
    return undefined;
  }
}

function messageOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0]!.slice(0, 500);
}
