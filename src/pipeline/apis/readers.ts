/** Which reader reads which format; each loaded on first use, so a portal without GraphQL never loads `graphql`. */
import type { ApiFormat, ApiReader } from './types.js';

const LOADERS: Record<ApiFormat, () => Promise<ApiReader>> = {
  openapi: async () => (await import('./openapi/index.js')).readOpenApi,
  asyncapi: async () => (await import('./asyncapi/index.js')).readAsyncApi,
  graphql: async () => (await import('./graphql/index.js')).readGraphql,
  grpc: async () => (await import('./grpc/index.js')).readProto,
};

const loaded = new Map<ApiFormat, Promise<ApiReader>>();

export function readerFor(format: ApiFormat): Promise<ApiReader> {
  let r = loaded.get(format);
  if (!r) loaded.set(format, (r = LOADERS[format]()));
  return r;
}
