#!/usr/bin/env node
/**
 * Real public API definitions through a real Playbill build, checked page by page:
 *
 *   node scripts/api-corpus.mjs [--mirrors /work/.mirror] [--work DIR] [--keep] [--recheck]
 *
 * From bare git mirrors (`<mirrors>/<owner>+<name>`, or its `repo/` folder) it extracts one folder per
 * corpus — the OpenAPI spec's examples (2.0, 3.0, 3.1), AsyncAPI's examples at 2.6.0, 3.0.0 and HEAD,
 * GitHub's GraphQL schema, gRPC's own protos and grpc-go's examples, DigitalOcean's multi-file
 * OpenAPI — writes a `catalog-info.yaml` with one API entity per definition and a `portal.yaml`,
 * runs `node scripts/playbill.mjs build`, then checks each API's pages against the definition:
 *
 * - operations counted straight from the definition (OpenAPI: path items and 3.1 webhooks × HTTP
 *   methods, `$ref`'d path items and operations followed across files; callbacks counted apart;
 *   AsyncAPI 2.x: publish/subscribe per channel, 3.x: `operations`; GraphQL: root fields by
 *   `buildSchema`; proto: rpcs by protobufjs) against the `article.api-op` of the API's page and its
 *   `reference/<slug>/` parts, matched one by one by verb and name (or id). An `api-op` inside
 *   another is a callback: counted in its own column, never as an operation;
 * - every in-page `#anchor` and every link into the API's reference parts resolves, and no anchor
 *   is used twice (a dead link a definition's own description carries is a note, not a failure);
 * - Pagefind has a record at the page and anchor of every operation and type, and none elsewhere;
 * - the largest page of the API (over 600 KB fails);
 * - the `api.*` diagnostics of the entity in `build-report.json`, by severity (a reader that threw,
 *   `api.internal` or `api.read-failed`, fails).
 *
 * Exits 1 when a count, a link or a record is wrong, a page is too large or the build fails; a corpus whose
 * mirror (or commit) is absent is skipped, saying so. The work folder is a fresh temp folder,
 * removed at the end unless `--keep` (a `--work DIR` is always kept); `--recheck` checks the output
 * an earlier run left in `--work DIR` again, without building. Nothing is fetched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import yaml from 'js-yaml';
import { buildSchema } from 'graphql';
import protobuf from 'protobufjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_PAGE_BYTES = 600 * 1024;

// ---------- arguments ----------
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const MIRRORS = path.resolve(opt('--mirrors', '/work/.mirror'));
const givenWork = opt('--work', undefined);
const KEEP = args.includes('--keep') || givenWork !== undefined;
/** Checks the output of an earlier `--work DIR` build again, without building (for work on this script). */
const RECHECK = args.includes('--recheck');
if (RECHECK && !givenWork) {
  console.error('--recheck needs the --work DIR of an earlier run');
  process.exit(2);
}

// ---------- the corpora ----------
const isYamlOrJson = (f) => /\.(ya?ml|json)$/i.test(f);
/** Each: a mirror, a commit, which files to extract, which of them are definitions. */
const CORPORA = [
  {
    name: 'oai', repo: 'OAI/OpenAPI-Specification', rev: 'fad4c13', format: 'openapi', under: ['examples'],
    keep: isYamlOrJson, prefix: 'examples/',
    note: 'the examples left the repo after fad4c13',
  },
  { name: 'asyncapi-2-6', repo: 'asyncapi/spec', rev: 'v2.6.0', format: 'asyncapi', under: ['examples'], keep: isYamlOrJson, prefix: 'examples/' },
  { name: 'asyncapi-3-0', repo: 'asyncapi/spec', rev: 'v3.0.0', format: 'asyncapi', under: ['examples'], keep: isYamlOrJson, prefix: 'examples/' },
  { name: 'asyncapi-3-1', repo: 'asyncapi/spec', rev: 'HEAD', format: 'asyncapi', under: ['examples'], keep: isYamlOrJson, prefix: 'examples/' },
  { name: 'github-graphql', repo: 'octokit/graphql-schema', rev: 'HEAD', format: 'graphql', under: ['schema.graphql'], keep: () => true, prefix: '' },
  { name: 'grpc-proto', repo: 'grpc/grpc-proto', rev: 'HEAD', format: 'grpc', under: ['grpc'], keep: (f) => f.endsWith('.proto'), prefix: 'grpc/' },
  { name: 'grpc-go', repo: 'grpc/grpc-go', rev: 'HEAD', format: 'grpc', under: ['examples'], keep: (f) => f.endsWith('.proto'), prefix: 'examples/' },
  {
    name: 'digitalocean', repo: 'digitalocean/openapi', rev: 'HEAD', format: 'openapi', under: ['specification'],
    keep: isYamlOrJson, prefix: 'specification/', mains: ['specification/DigitalOcean-public.v2.yaml'],
  },
];

// ---------- git ----------
function gitDirOf(repo) {
  const dir = path.join(MIRRORS, repo.replace('/', '+'));
  for (const d of [path.join(dir, 'repo'), dir]) if (existsSync(path.join(d, 'HEAD')) && existsSync(path.join(d, 'objects'))) return d;
  return undefined;
}
// stderr kept from the terminal: a mirror lacking a large blob elsewhere in the tree (octokit's schema.json) makes
// `git archive` complain even when that blob is not asked for; a real failure is an exit status, shown then.
const git = (gitDir, gitArgs, opts = {}) => {
  try {
    return execFileSync('git', [`--git-dir=${gitDir}`, ...gitArgs], { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  } catch (e) {
    e.message = `git ${gitArgs[0]} failed: ${e.stderr?.toString().trim() || e.message}`;
    throw e;
  }
};

function revOf(gitDir, rev) {
  try { return git(gitDir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).toString().trim(); } catch { return undefined; }
}

/** The files of `under` at `commit` that `keep` wants, written below `dest` with their repo paths. */
function extract(gitDir, commit, under, keep, dest) {
  const files = git(gitDir, ['ls-tree', '-r', '-z', '--name-only', commit, '--', ...under]).toString().split('\0').filter((f) => f && keep(f));
  if (!files.length) return [];
  const tar = git(gitDir, ['archive', '--format=tar', commit, '--', ...files]);
  mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['-x', '-C', dest], { input: tar, maxBuffer: 64 * 1024 * 1024 });
  return files;
}

// ---------- reading definitions, independently of Playbill ----------
function loadData(file) {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : yaml.load(text);
}

/** Files parsed once each; `$ref`s followed across them, inside the corpus folder only. */
class Refs {
  constructor(root) { this.root = root; this.files = new Map(); this.unresolved = []; }
  doc(abs) {
    if (!this.files.has(abs)) {
      let v;
      try { v = loadData(abs); } catch (e) { v = undefined; this.unresolved.push(`${path.relative(this.root, abs)}: ${e.message.split('\n')[0]}`); }
      this.files.set(abs, v);
    }
    return this.files.get(abs);
  }
  /** `{value, file}` with every `$ref` on the way followed (bounded). */
  follow(value, file) {
    for (let hops = 0; hops < 32; hops++) {
      if (!value || typeof value !== 'object' || typeof value.$ref !== 'string') return { value, file };
      const [target, pointer = ''] = value.$ref.split('#');
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) { this.unresolved.push(`${value.$ref} (remote)`); return { value: undefined, file }; }
      const abs = target ? path.resolve(path.dirname(file), decodeURIComponent(target)) : file;
      if (!abs.startsWith(this.root + path.sep)) { this.unresolved.push(`${value.$ref} (outside)`); return { value: undefined, file }; }
      let v = this.doc(abs);
      for (const seg of pointer.split('/').slice(1)) {
        const key = decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
        v = v && typeof v === 'object' && Object.hasOwn(v, key) ? v[key] : undefined;
      }
      if (v === undefined) { this.unresolved.push(`${value.$ref} (missing)`); return { value: undefined, file }; }
      value = v;
      file = abs;
    }
    return { value: undefined, file };
  }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const entriesOf = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : []);

/** Operations as `VERB name` keys, and callbacks apart: what the page must show. */
function expectOpenApi(root, file) {
  const refs = new Refs(root);
  const doc = refs.doc(file);
  const ops = [];
  const callbacks = [];
  const v3 = typeof doc?.openapi === 'string' || typeof doc?.openapi === 'number';
  const walkCallbacks = (op, opFile, depth) => {
    if (!v3 || depth > 2) return;
    for (const [, raw] of entriesOf(op.callbacks)) {
      const cb = refs.follow(raw, opFile);
      for (const [expression, rawItem] of entriesOf(cb.value)) {
        const item = refs.follow(rawItem, cb.file);
        for (const m of HTTP_METHODS) {
          if (!item.value || !(m in item.value)) continue;
          callbacks.push(`${m.toUpperCase()} ${expression}`);
          const inner = refs.follow(item.value[m], item.file);
          if (inner.value) walkCallbacks(inner.value, inner.file, depth + 1);
        }
      }
    }
  };
  const pathItems = (map) => {
    for (const [name, raw] of entriesOf(map)) {
      const item = refs.follow(raw, file);
      for (const m of HTTP_METHODS) {
        if (!item.value || !(m in item.value)) continue;
        ops.push(`${m.toUpperCase()} ${name}`);
        const op = refs.follow(item.value[m], item.file);
        if (op.value) walkCallbacks(op.value, op.file, 1);
      }
    }
  };
  pathItems(doc?.paths);
  pathItems(doc?.webhooks);
  return { ops, callbacks, notes: refs.unresolved };
}

function expectAsyncApi(root, file) {
  const refs = new Refs(root);
  const doc = refs.doc(file);
  const ops = [];
  if (String(doc?.asyncapi ?? '').startsWith('2')) {
    for (const [name, raw] of entriesOf(doc.channels)) {
      const ch = refs.follow(raw, file).value;
      for (const verb of ['publish', 'subscribe']) if (ch && ch[verb]) ops.push(`${verb} ${name}`);
    }
  } else {
    for (const [id, raw] of entriesOf(doc?.operations)) {
      const op = refs.follow(raw, file).value;
      ops.push(`${op?.action ?? 'operation'} ${id}`);
    }
  }
  return { ops, callbacks: [], notes: refs.unresolved };
}

function expectGraphql(root, file) {
  const schema = buildSchema(readFileSync(file, 'utf8'), { assumeValidSDL: true });
  const ops = [];
  for (const [kind, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()], ['subscription', schema.getSubscriptionType()]]) {
    if (type) for (const name of Object.keys(type.getFields())) ops.push(`${kind} ${name}`);
  }
  return { ops, callbacks: [], notes: [] };
}

function expectProto(root, file) {
  const parsed = protobuf.parse(readFileSync(file, 'utf8'), new protobuf.Root(), { keepCase: true, alternateCommentMode: true });
  const ops = [];
  const walk = (ns) => {
    for (const obj of ns.nestedArray ?? []) {
      if (obj instanceof protobuf.Service) for (const m of obj.methodsArray) ops.push(`rpc ${m.fullName.replace(/^\./, '')}`);
      if (obj.nestedArray) walk(obj);
    }
  };
  walk(parsed.root);
  return { ops, callbacks: [], notes: [] };
}

const EXPECT = { openapi: expectOpenApi, asyncapi: expectAsyncApi, graphql: expectGraphql, grpc: expectProto };

/** Is this extracted file a definition of the corpus's format (and not a file others `$ref`)? */
function isDefinition(corpus, abs) {
  if (corpus.format === 'graphql') return abs.endsWith('.graphql');
  if (corpus.format === 'grpc') return abs.endsWith('.proto');
  try {
    const d = loadData(abs);
    if (!d || typeof d !== 'object') return false;
    return corpus.format === 'openapi' ? 'openapi' in d || 'swagger' in d : 'asyncapi' in d;
  } catch {
    return false;
  }
}

// ---------- the built pages ----------
const ENTITY = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (s) => s.replace(/&(?:amp|lt|gt|quot|#39);|&#x([0-9a-f]+);|&#(\d+);/gi, (m, hex, dec) => (
  hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ENTITY[m]));

/**
 * The articles of one page. A top-level `article.api-op` is an operation (its key: verb and id, or
 * name); an `api-op` inside another is a callback, counted apart and never as an operation (it has
 * no search record of its own either). `article.api-type`s are the named types.
 */
function scanPage(html, keyById) {
  const ops = [];
  const callbacks = [];
  /** Top-level operations and types: what search must have a record for. */
  const anchors = [];
  let types = 0;
  const stack = [];
  const tags = [...html.matchAll(/<article\b([^>]*)>|<\/article>/g)];
  tags.forEach((m, i) => {
    if (m[0].startsWith('</')) { stack.pop(); return; }
    const classes = (/\bclass="([^"]*)"/.exec(m[1])?.[1] ?? '').split(/\s+/);
    const id = decode(/\bid="([^"]*)"/.exec(m[1])?.[1] ?? '');
    const isOp = classes.includes('api-op');
    const nested = stack.includes('api-op');
    if (classes.includes('api-type')) { types++; anchors.push(id); }
    if (isOp) {
      const head = html.slice(m.index + m[0].length, tags[i + 1]?.index ?? html.length);
      const verb = decode(/<span class="api-verb[^"]*">([^<]*)<\/span>/.exec(head)?.[1] ?? '?');
      const name = decode(/<code class="api-op-name">([^<]*)<\/code>/.exec(head)?.[1] ?? '?');
      const shownId = /<p class="api-id">.*?<code>([^<]*)<\/code>/.exec(head)?.[1];
      const key = `${verb} ${keyById && shownId !== undefined ? decode(shownId) : name}`;
      if (nested) callbacks.push(key);
      else { ops.push(key); anchors.push(id); }
    }
    stack.push(isOp ? 'api-op' : 'other');
  });
  return { ops, callbacks, types, anchors };
}

/** Ids of a page, and its hrefs. */
const idsOf = (html) => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1]));
const hrefsOf = (html) => [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => decode(m[1]));

/**
 * Links Playbill makes (the reference's anchors, its parts, the page's own), as opposed to links a
 * definition's descriptions carry (`#operation/x` for Redoc, a relative path): a broken one of the
 * first kind is Playbill's fault, of the second kind the definition's, reported as a note.
 */
const isOurs = (href) => /^(?:\.\.\/)*(?:reference\/[a-z0-9-]+\/)?(?:#[a-z0-9-]*)?$|^\.\.\/[a-z0-9-]+\/$|^\//.test(href);

/** Every custom record's URL in the Pagefind index (fragments are gzipped JSON after a signature). */
function searchUrls(out) {
  const dir = path.join(out, 'pagefind/fragment');
  const urls = new Set();
  if (!existsSync(dir)) return urls;
  for (const f of readdirSync(dir)) {
    let text = gunzipSync(readFileSync(path.join(dir, f))).toString('utf8');
    if (text.startsWith('pagefind_dcd')) text = text.slice('pagefind_dcd'.length);
    try { urls.add(JSON.parse(text).url); } catch { /* not a fragment */ }
  }
  return urls;
}

/** The API's page and its reference parts: articles, sizes, links between them, search records. */
function checkPages(out, name, keyById, search) {
  const dir = path.join(out, 'catalog/default/api', name);
  const main = path.join(dir, 'index.html');
  if (!existsSync(main)) return { missing: true };
  const pages = [main];
  const partsDir = path.join(dir, 'reference');
  if (existsSync(partsDir)) for (const slug of readdirSync(partsDir).sort()) if (existsSync(path.join(partsDir, slug, 'index.html'))) pages.push(path.join(partsDir, slug, 'index.html'));
  const html = new Map(pages.map((p) => [p, readFileSync(p, 'utf8')]));
  const ids = new Map(pages.map((p) => [p, new Set(idsOf(html.get(p)))]));
  const found = { ops: [], callbacks: [], types: 0 };
  const problems = [];
  const foreign = [];
  let largest = 0;
  const anchorsSeen = new Map();
  const urlOf = (p) => `/${path.relative(out, path.dirname(p)).split(path.sep).join('/')}/`;
  const recordsWanted = new Set();
  for (const p of pages) {
    const text = html.get(p);
    const here = path.relative(dir, p) || 'index.html';
    largest = Math.max(largest, Buffer.byteLength(text));
    const s = scanPage(text, keyById);
    found.ops.push(...s.ops);
    found.callbacks.push(...s.callbacks);
    found.types += s.types;
    for (const a of s.anchors) recordsWanted.add(`${urlOf(p)}#${a}`);
    const seen = new Set();
    const dup = new Set();
    for (const id of idsOf(text)) (seen.has(id) ? dup : seen).add(id);
    if (dup.size) problems.push(`${here}: id used twice: ${[...dup].slice(0, 3).join(', ')}`);
    for (const m of text.matchAll(/<article class="api-(?:op|type)" id="([^"]*)"/g)) {
      if (anchorsSeen.has(m[1]) && anchorsSeen.get(m[1]) !== p) problems.push(`anchor #${m[1]} on two pages: ${path.relative(dir, anchorsSeen.get(m[1]))} and ${here}`);
      anchorsSeen.set(m[1], p);
    }
    const urlDir = path.dirname(p);
    for (const href of hrefsOf(text)) {
      if (href.includes('invalid-anchor')) { problems.push(`${here}: href ${href}`); continue; }
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      const [where, frag] = href.split('#');
      const target = where === '' ? p : href.startsWith('/') ? path.join(out, where) : path.resolve(urlDir, where);
      // only links into the API's own pages (the site's other links are not the reference's)
      if (where !== '' && !target.startsWith(dir + path.sep) && target !== dir) {
        if (!isOurs(href) && !existsSync(target)) foreign.push(`${here}: ${href}`);
        continue;
      }
      // a folder's page, or a file as it is (the definition's download beside the page)
      const file = where === '' ? p : existsSync(target) && !statSync(target).isDirectory() ? target : path.join(target, 'index.html');
      let broken;
      if (where !== '' && !html.has(file)) { if (!existsSync(file)) broken = 'no such page'; }
      else if (frag && !ids.get(file).has(frag)) broken = `no id "${frag}"`;
      if (broken) (isOurs(href) ? problems : foreign).push(`${here}: ${href} → ${broken}`);
    }
  }
  // Search: a record at the page and anchor of every operation and type, and none elsewhere in this API.
  const prefix = `/catalog/default/api/${name}/`;
  const records = [...search].filter((u) => u.startsWith(prefix) && u.includes('#'));
  const missingRecords = [...recordsWanted].filter((u) => !search.has(u));
  const strayRecords = records.filter((u) => !recordsWanted.has(u));
  if (missingRecords.length) problems.push(`${missingRecords.length} of ${recordsWanted.size} without a search record: ${missingRecords.slice(0, 2).join(', ')}`);
  if (strayRecords.length) problems.push(`${strayRecords.length} search records at no article: ${strayRecords.slice(0, 2).join(', ')}`);
  return { pages: pages.length, largest, found, problems, foreign, records: records.length };
}

/** What is in `a` and not in `b`, as multisets. */
function minus(a, b) {
  const left = new Map();
  for (const k of b) left.set(k, (left.get(k) ?? 0) + 1);
  const out = [];
  for (const k of a) {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1); else out.push(k);
  }
  return out;
}

// ---------- the run ----------
function slug(s) {
  const base = s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return base.length <= 63 ? base : `${base.slice(0, 54)}-${createHash('sha1').update(base).digest('hex').slice(0, 8)}`;
}

function table(rows, head) {
  const all = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

function main() {
  const started = performance.now();
  let work;
  if (givenWork) {
    work = path.resolve(givenWork);
    if (existsSync(work) && readdirSync(work).length && !existsSync(path.join(work, '.api-corpus'))) {
      console.error(`${work} is not empty and was not made by this script; refusing to write into it`);
      return 2;
    }
    if (!RECHECK) for (const d of ['src', 'out', 'cache']) rmSync(path.join(work, d), { recursive: true, force: true });
  } else {
    work = mkdtempSync(path.join(tmpdir(), 'api-corpus-'));
  }
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, '.api-corpus'), 'made by scripts/api-corpus.mjs\n');

  const sources = [{ name: 'corpus-org', path: './src/corpus-org' }];
  mkdirSync(path.join(work, 'src/corpus-org'), { recursive: true });
  writeFileSync(path.join(work, 'src/corpus-org/catalog-info.yaml'), yaml.dump({
    apiVersion: 'backstage.io/v1alpha1', kind: 'Group',
    metadata: { name: 'corpus', description: 'Owns the public API definitions of the corpus.' },
    spec: { type: 'team', children: [] },
  }));

  const apis = [];
  for (const c of CORPORA) {
    const gitDir = gitDirOf(c.repo);
    if (!gitDir) { console.log(`skip ${c.name}: no mirror of ${c.repo} under ${MIRRORS}`); continue; }
    const commit = revOf(gitDir, c.rev);
    if (!commit) { console.log(`skip ${c.name}: ${c.repo} has no commit ${c.rev}${c.note ? ` (${c.note})` : ''}`); continue; }
    const dir = path.join(work, 'src', c.name);
    const files = extract(gitDir, commit, c.under, c.keep, dir);
    const defs = (c.mains ?? files).filter((f) => isDefinition(c, path.join(dir, f))).sort();
    if (!defs.length) { console.log(`skip ${c.name}: no definitions among ${files.length} files at ${c.rev}`); continue; }
    const entities = defs.map((f) => {
      const name = slug(`${c.name}-${f.slice(c.prefix.length)}`);
      const placeholder = c.format === 'openapi' ? '$openapi' : c.format === 'asyncapi' ? '$asyncapi' : '$text';
      apis.push({ corpus: c.name, name, file: f, format: c.format, abs: path.join(dir, f), root: dir });
      return {
        apiVersion: 'backstage.io/v1alpha1', kind: 'API',
        metadata: { name, title: `${c.repo} ${f}`, description: `${f} of ${c.repo} at ${c.rev} (${commit.slice(0, 10)}).` },
        spec: { type: c.format, owner: 'group:default/corpus', lifecycle: 'production', definition: { [placeholder]: `./${f}` } },
      };
    });
    writeFileSync(path.join(dir, 'catalog-info.yaml'), entities.map((e) => yaml.dump(e, { lineWidth: -1 })).join('---\n'));
    sources.push({ name: c.name, path: `./src/${c.name}`, web_url: `https://github.com/${c.repo}`, ref: commit, catalog: ['catalog-info.yaml'] });
    console.log(`${c.name}: ${defs.length} definition${defs.length === 1 ? '' : 's'} of ${files.length} files from ${c.repo} at ${c.rev} (${commit.slice(0, 10)})`);
  }
  if (!apis.length) {
    console.log('no corpus found: nothing to build');
    if (!KEEP) rmSync(work, { recursive: true, force: true });
    return 0;
  }

  // GitHub's schema.graphql is 1.2 MB, over the 1 MiB default for a descriptor's placeholder target.
  const config = { site: { title: 'API corpus' }, limits: { max_file_bytes: 8 * 1024 * 1024 }, sources };
  writeFileSync(path.join(work, 'portal.yaml'), `# Written by scripts/api-corpus.mjs\n${yaml.dump(config, { lineWidth: -1 })}`);

  const out = path.join(work, 'out');
  const cache = path.join(work, 'cache');
  console.log(`\n${RECHECK ? 'checking the earlier build of' : 'building'} ${apis.length} APIs in ${work} …`);
  const buildStart = performance.now();
  const run = RECHECK ? { status: 0, stdout: '', stderr: '' } : spawnSync(process.execPath, [path.join(REPO, 'scripts/playbill.mjs'), 'build', '--config', path.join(work, 'portal.yaml'), '--out', out, '--cache', cache], {
    cwd: REPO, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  const buildMs = performance.now() - buildStart;
  if (!RECHECK) writeFileSync(path.join(work, 'build.log'), `${run.stdout ?? ''}\n--- stderr ---\n${run.stderr ?? ''}`);
  const reportFile = path.join(out, 'build-report.json');
  let failed = false;
  if (run.status !== 0 || !existsSync(reportFile)) {
    failed = true;
    console.log(`BUILD FAILED (exit ${run.status ?? run.signal}); log: ${path.join(work, 'build.log')}`);
    console.log((run.stderr || run.stdout || '').split('\n').slice(-30).join('\n'));
    if (!existsSync(reportFile)) { if (!KEEP) console.log(`(kept ${work})`); return 1; }
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));

  const search = searchUrls(out);
  const rows = [];
  const faults = [];
  const notes = [];
  for (const api of apis) {
    const keyById = api.format === 'grpc' || (api.format === 'asyncapi' && !String(loadData(api.abs)?.asyncapi ?? '').startsWith('2'));
    let expected;
    try { expected = EXPECT[api.format](api.root, api.abs); } catch (e) { expected = { ops: [], callbacks: [], notes: [`not counted: ${e.message.split('\n')[0]}`] }; }
    const pages = checkPages(out, api.name, keyById, search);
    const ref = `api:default/${api.name}`;
    const diags = report.diagnostics.filter((d) => d.entityRef === ref && String(d.code).startsWith('api.'));
    const by = (s) => diags.filter((d) => d.severity === s).length;
    const first = diags.find((d) => d.severity === 'error') ?? diags.find((d) => d.severity === 'warning') ?? diags[0];
    const other = report.diagnostics.filter((d) => d.entityRef === ref && !String(d.code).startsWith('api.') && d.severity !== 'info');
    const mine = [];
    if (pages.missing) mine.push('no page');
    else {
      const missing = minus(expected.ops, pages.found.ops);
      const extra = minus(pages.found.ops, expected.ops);
      if (missing.length) mine.push(`missing ${missing.length}: ${missing.slice(0, 3).join(', ')}`);
      if (extra.length) mine.push(`unexpected ${extra.length}: ${extra.slice(0, 3).join(', ')}`);
      if (pages.found.callbacks.length !== expected.callbacks.length) mine.push(`callbacks ${pages.found.callbacks.length} of ${expected.callbacks.length}`);
      if (pages.largest > MAX_PAGE_BYTES) mine.push(`page of ${Math.round(pages.largest / 1024)} KB`);
      for (const p of pages.problems.slice(0, 5)) mine.push(p);
      if (pages.problems.length > 5) mine.push(`… and ${pages.problems.length - 5} more`);
      if (pages.foreign.length) notes.push(`${api.name}: ${pages.foreign.length} link${pages.foreign.length === 1 ? '' : 's'} from the definition's descriptions lead nowhere in the portal, e.g. ${pages.foreign[0]}`);
    }
    for (const o of other) mine.push(`${o.code}: ${o.message}`);
    for (const d of diags) if (d.code === 'api.internal' || d.code === 'api.read-failed') mine.push(`${d.code}: ${d.message}`);
    if (mine.length) faults.push({ api, mine, notes: expected.notes });
    rows.push([
      api.name.slice(api.corpus.length + 1) || api.name, api.corpus,
      `${expected.ops.length}${expected.callbacks.length ? `+${expected.callbacks.length}cb` : ''}`,
      pages.missing ? '-' : `${pages.found.ops.length}${pages.found.callbacks.length ? `+${pages.found.callbacks.length}cb` : ''}`,
      pages.missing ? '-' : pages.found.types,
      pages.missing ? '-' : pages.pages,
      pages.missing ? '-' : (pages.largest / 1024).toFixed(0),
      pages.missing ? '-' : pages.records,
      `${by('error')}/${by('warning')}/${by('info')}`,
      mine.length ? 'FAIL' : 'ok',
      first ? `${first.code}: ${first.message.replace(/\s+/g, ' ').slice(0, 110)}` : '',
    ]);
  }
  console.log(`\n${table(rows, ['api', 'corpus', 'ops (definition)', 'ops (html)', 'types', 'pages', 'max KB', 'records', 'api.* E/W/I', 'check', 'first api.* diagnostic'])}`);

  if (faults.length) {
    console.log('\nProblems:');
    for (const f of faults) {
      console.log(`- ${f.api.name} (${f.api.corpus}:${f.api.file})`);
      for (const m of f.mine) console.log(`    ${m}`);
      if (f.notes.length) console.log(`    (counting: ${f.notes.slice(0, 3).join('; ')})`);
    }
  }
  if (notes.length) {
    console.log('\nNotes (not counted as failures):');
    for (const n of notes) console.log(`- ${n}`);
  }
  const t = report.timings ?? {};
  const totalOps = rows.reduce((n, r) => n + (Number.parseInt(r[3], 10) || 0), 0);
  console.log(`\n${apis.length} APIs, ${totalOps} operations on the pages; ${faults.length} with problems${failed ? '; the build failed' : ''}`);
  console.log(`timings: apis ${t.apis ?? '?'} ms, site ${t.site ?? '?'} ms, ${RECHECK ? 'build not run (--recheck)' : `build ${Math.round(buildMs)} ms wall`} (${Object.entries(t).map(([k, v]) => `${k} ${v}`).join(', ')}); script total ${Math.round(performance.now() - started)} ms`);
  console.log(`counts: ${JSON.stringify(report.counts?.apis ?? report.counts ?? {})}`);
  if (KEEP || failed) console.log(`work folder kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
  return failed || faults.length ? 1 : 0;
}

process.exitCode = main();
