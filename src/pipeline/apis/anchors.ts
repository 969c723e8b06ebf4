/**
 * Anchors of an API reference: one spelling for every reader, so `#op-post-v1-payment-intents`,
 * `#rpc-ledger-postentry` and `#type-seat` are built the same way and stay stable across builds
 * (they come from names in the definition, never from order).
 *
 * Prefixes: `op-` operations (OpenAPI method+path, AsyncAPI operation), `webhook-`, `tag-` / `channel-` /
 * `service-` groups, `query-` `mutation-` `subscription-` GraphQL root fields, `rpc-` gRPC methods,
 * `schema-` `message-` `type-` `enum-` named types, `server-`, `security-`.
 */

/** `op`, `POST`, `/v1/payment_intents/{id}` → `op-post-v1-payment-intents-id`. */
export function anchorOf(prefix: string, ...parts: string[]): string {
  const slug = parts.join('-').normalize('NFKD').toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug ? `${prefix}-${slug}` : prefix;
}

/**
 * Hands out unique anchors within one reference: two names that slug alike (`/pets/{id}` and
 * `/pets/id`) get `…` and `…-2`, in the order the definition lists them. `get` returns the anchor
 * already given to the same key, so links made before or after the target agree.
 */
export class Anchors {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();

  /** The anchor for `key` (any string naming the thing, e.g. `schema:#/components/schemas/Pet`), made from `prefix` and `parts` the first time. */
  get(key: string, prefix: string, ...parts: string[]): string {
    const known = this.byKey.get(key);
    if (known) return known;
    const base = anchorOf(prefix, ...parts);
    let anchor = base;
    for (let n = 2; this.used.has(anchor); n++) anchor = `${base}-${n}`;
    this.used.add(anchor);
    this.byKey.set(key, anchor);
    return anchor;
  }

  /** The anchor already given to `key`, if any. */
  peek(key: string): string | undefined {
    return this.byKey.get(key);
  }
}
