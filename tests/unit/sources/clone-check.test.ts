import { describe, expect, it } from 'vitest';
import { parseGitConfig } from '../../../src/pipeline/sources/clone-check.js';

describe("parsing a clone's .git/config", () => {
  it('reads sections, quoted subsections, values, comments and continued lines as git does', () => {
    const config = parseGitConfig([
      '# a comment',
      '[core]',
      '\tbare = false ; trailing comment',
      '\tFileMode',
      '[remote "origin"]',
      '\turl = "x\\"y\\\\z;#w "',
      '\tfetch = +refs/heads/*:refs/remotes/origin/*',
      '\tfetch = +refs/tags/*:refs/tags/*',
      '[Remote "Other"]',
      '\turl =   spaced   out  ',
      '[branch.Main]',
      '\tmerge = refs/heads/ma\\',
      'in',
    ].join('\n'));
    expect(config.get('core.bare')).toEqual(['false']);
    expect(config.get('core.filemode')).toEqual(['true']);
    expect(config.get('remote.origin.url')).toEqual(['x"y\\z;#w ']);
    expect(config.get('remote.origin.fetch')).toEqual(['+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*']);
    // Subsections keep their case; the section name does not.
    expect(config.get('remote.Other.url')).toEqual(['spaced   out']);
    expect(config.get('branch.main.merge')).toEqual(['refs/heads/main']);
  });
});
