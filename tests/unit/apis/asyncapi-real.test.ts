/**
 * Real public definitions through readAsyncApi: the AsyncAPI specification's own examples at 2.6.0,
 * 3.0.0 and the newest commit (3.1) — streetlights over MQTT and Kafka, Slack's RTM API, the
 * social-media set of files joined by relative $refs, request/reply, oneOf… Read from the mirror
 * `fetch github:asyncapi/spec` brings (never committed); skipped when it is absent, as on CI.
 * Channels and operations are counted straight from each document and must all be in the reference.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAsyncApi } from '../../../src/pipeline/apis/asyncapi/index.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';
import type { ApiReference } from '../../../src/pipeline/apis/types.js';
import { anchors } from './asyncapi-helpers.js';

const MIRROR = '/work/.mirror/asyncapi+spec/repo';
const REVISIONS = ['v2.6.0', 'v3.0.0', 'HEAD'];
const git = (args: string) => execSync(`git --git-dir=${MIRROR} ${args}`, { stdio: ['ignore', 'pipe', 'ignore'] });
const has = (rev: string) => { try { git(`rev-parse --verify --quiet ${rev}^{commit}`); return true; } catch { return false; } };

type Doc = Record<string, any>;

/** `publish a/b`, `subscribe a/b` (2.x) or `send <channel id>` (3.x, by its operation's $ref), straight from the document. */
function expected(doc: Doc): { channels: string[]; operations: string[] } {
  const channels = Object.keys(doc.channels ?? {}).filter((k) => !k.startsWith('x-'));
  const operations: string[] = [];
  if (String(doc.asyncapi).startsWith('2.')) {
    for (const c of channels) for (const verb of ['publish', 'subscribe']) if (doc.channels[c][verb]) operations.push(`${verb} ${c}`);
  } else {
    for (const [id, o] of Object.entries<Doc>(doc.operations ?? {})) {
      const channel = decodeURIComponent(String(o.channel?.$ref ?? '').replace(/^#\/channels\//, '')).replace(/~1/g, '/').replace(/~0/g, '~');
      operations.push(`${o.action} ${channel} ${id}`);
    }
  }
  return { channels, operations: operations.sort() };
}

function found(ref: ApiReference, v2: boolean): { channels: string[]; operations: string[] } {
  return {
    channels: ref.groups.filter((g) => g.label === 'channel').map((g) => g.title),
    operations: ref.groups.flatMap((g) => g.operations.map((o) => (v2 ? `${o.verb} ${g.title}` : `${o.verb} ${g.title} ${o.id}`))).sort(),
  };
}

function definitions(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(path.join(root, dir))) {
      const rel = dir ? `${dir}/${f}` : f;
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (/\.ya?ml$/.test(f) && /^asyncapi:/m.test(readFileSync(path.join(root, rel), 'utf8'))) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

describe.skipIf(!existsSync(MIRROR))('the AsyncAPI specification\'s examples (mirror of asyncapi/spec)', () => {
  const roots = new Map<string, string>();
  let tmp = '';
  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'playbill-asyncapi-'));
    for (const rev of REVISIONS.filter(has)) {
      const dir = path.join(tmp, rev);
      execSync(`mkdir -p ${dir} && git --git-dir=${MIRROR} archive ${rev} examples | tar -x -C ${dir}`);
      roots.set(rev, path.join(dir, 'examples'));
    }
  });
  afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

  it.each(REVISIONS)('at %s: every example reads, with all its channels and operations', async (rev) => {
    const root = roots.get(rev);
    if (!root) return void console.warn(`asyncapi/spec mirror has no ${rev}; skipped`);
    const files = definitions(root);
    expect(files.length).toBeGreaterThan(15);
    const names = files.join(' ');
    for (const want of ['streetlights-mqtt', 'streetlights-kafka', 'slack-rtm', 'social-media/backend/asyncapi.yaml']) expect(names).toContain(want);
    let totalOps = 0;
    for (const file of files) {
      const doc = yaml.load(readFileSync(path.join(root, file), 'utf8')) as Doc;
      const r = await readAsyncApi(fileInput(root, file));
      // the spec's own examples are valid: nothing but remote $refs (not fetched) may be reported
      expect(r.problems.filter((p) => p.code !== 'api.ref-remote'), `${rev} ${file}`).toEqual([]);
      const ref = r.reference!;
      expect(ref.specVersion).toBe(String(doc.asyncapi));
      expect(ref.title).toBe(doc.info.title);
      const want = expected(doc);
      const got = found(ref, String(doc.asyncapi).startsWith('2.'));
      expect(got.channels, `${rev} ${file} channels`).toEqual(want.channels);
      expect(got.operations, `${rev} ${file} operations`).toEqual(want.operations);
      totalOps += want.operations.length;
      // every operation carries at least one message, every link has its target
      for (const o of ref.groups.flatMap((g) => g.operations)) expect(o.sections.some((s) => /^(Message|Reply)/.test(s.title)), `${file} #${o.anchor}`).toBe(true);
      const { defined, linked } = anchors(ref);
      for (const a of linked) expect(defined, `${file} links #${a}`).toContain(a);
    }
    expect(totalOps).toBeGreaterThan(30);
  });

  it('streetlights over MQTT (3.x): the channel parameter, the trait\'s binding, headers from a message trait', async () => {
    const root = roots.get('HEAD') ?? roots.get('v3.0.0');
    if (!root) return;
    const ref = (await readAsyncApi(fileInput(root, 'streetlights-mqtt-asyncapi.yml'))).reference!;
    const o = ref.groups.flatMap((g) => g.operations).find((x) => x.id === 'receiveLightMeasurement')!;
    expect(o.verb).toBe('receive');
    expect(o.name).toBe('smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured');
    expect(o.facts).toContainEqual({ label: 'mqtt.qos', value: '1' });
    expect(o.sections.map((s) => s.title)).toEqual(['Parameters', 'Message · lightMeasured', 'Headers · lightMeasured']);
    expect(o.sections[0]!.fields!.map((f) => `${f.name}${f.required ? '*' : ''}`)).toEqual(['streetlightId*']);
    expect(o.sections[1]!.shape!.fields!.map((f) => f.name)).toEqual(['lumens', 'sentAt']);
    expect(o.sections[2]!.fields!.map((f) => f.name)).toEqual(['my-app-header']);
  });

  it('social-media (2.6): messages and schemas from common/ files are named types with their fields', async () => {
    const root = roots.get('v2.6.0');
    if (!root) return;
    const r = await readAsyncApi(fileInput(root, 'social-media/backend/asyncapi.yaml'));
    const ref = r.reference!;
    expect(ref.servers.map((s) => s.url)).toEqual(['ws://mycompany.com/ws', 'mqtt://test.mosquitto.org']);
    const messages = ref.types.find((g) => g.title === 'Messages')!.types;
    expect(messages.map((m) => m.name)).toEqual(['commentLiked', 'likeComment', 'commentChanged', 'updateCommentLikes']);
    expect(messages.find((m) => m.name === 'commentChanged')!.fields!.map((f) => f.name)).toEqual(['commentId', 'likeCount']);
    const schemas = ref.types.find((g) => g.title === 'Schemas')!.types.map((t) => t.name);
    expect(schemas).toContain('commentId');
  });

  it('Slack RTM, the largest example: read in bounded time', async () => {
    const root = roots.get('v2.6.0') ?? roots.get('HEAD');
    if (!root) return;
    const file = readdirSync(root).find((f) => f.startsWith('slack-rtm'))!;
    const input = fileInput(root, file);
    await readAsyncApi(input);
    const t = performance.now();
    const r = await readAsyncApi(input);
    const ms = performance.now() - t;
    const ref = r.reference!;
    const messages = ref.types.find((g) => g.title === 'Messages')!.types.length;
    console.info(`slack-rtm: ${ms.toFixed(1)} ms, ${ref.groups.flatMap((g) => g.operations).length} operations, ${messages} messages`);
    expect(messages).toBeGreaterThan(40);
    expect(ms).toBeLessThan(2000);
  });
});
