/** The one line an unexpected failure is reported with (main.ts): what failed, in words, and the code. */
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../src/cli/main.js';

const sysError = (code: string, syscall: string, extra: Record<string, string> = {}) =>
  Object.assign(new Error(`${code}: something, ${syscall}`), { code, syscall, ...extra });

describe('describeFailure', () => {
  it('names the path and says the errno in words', () => {
    expect(describeFailure(sysError('EACCES', 'open', { path: '/x/y' }))).toBe('could not open /x/y: permission denied (EACCES)');
    expect(describeFailure(sysError('EROFS', 'mkdir', { path: '/ro/out' }))).toBe('could not create /ro/out: read-only file system (EROFS)');
    expect(describeFailure(sysError('ENOSPC', 'write', { path: '/full/page.html' }))).toBe('could not write /full/page.html: no space left on device (ENOSPC)');
    expect(describeFailure(sysError('EXDEV', 'rename', { path: '/a', dest: '/b' }))).toBe('could not move /a to /b: cannot move across file systems (EXDEV)');
    expect(describeFailure(sysError('ENOENT', 'scandir', { path: '/gone' }))).toBe('could not read /gone: no such file or folder (ENOENT)');
    expect(describeFailure(sysError('EMFILE', 'open', { path: '/f' }))).toBe('could not open /f: too many open files (EMFILE)');
  });

  it('finds the system error a library wrapped, and says "internal error" for anything else', () => {
    expect(describeFailure(new Error('Astro failed', { cause: sysError('ENOSPC', 'write', { path: '/out/x' }) }))).toBe('could not write /out/x: no space left on device (ENOSPC)');
    expect(describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')\n  more"))).toBe("internal error: Cannot read properties of undefined (reading 'x')");
    expect(describeFailure('a string')).toBe('internal error: a string');
  });
});
