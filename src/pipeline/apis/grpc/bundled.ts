/**
 * Definitions protobufjs ships, so that `import "google/protobuf/timestamp.proto"` resolves
 * without a file, as it does for protoc: its `common` set (any, duration, empty, field_mask,
 * struct, timestamp, wrappers) and the JSON it bundles for descriptor, api, type, source_context
 * and google/api's annotations and http (the `google.api.http` option of gRPC-transcoded APIs).
 */
import { createRequire } from 'node:module';
import protobuf from 'protobufjs';

const require = createRequire(import.meta.url);

const BUNDLED_JSON: ReadonlyMap<string, string> = new Map([
  ['google/protobuf/descriptor.proto', 'protobufjs/google/protobuf/descriptor.json'],
  ['google/protobuf/api.proto', 'protobufjs/google/protobuf/api.json'],
  ['google/protobuf/type.proto', 'protobufjs/google/protobuf/type.json'],
  ['google/protobuf/source_context.proto', 'protobufjs/google/protobuf/source_context.json'],
  ['google/api/annotations.proto', 'protobufjs/google/api/annotations.json'],
  ['google/api/http.proto', 'protobufjs/google/api/http.json'],
]);

/** Well-known files: never read from the source, never a warning when protobufjs lacks one. */
export function isWellKnown(target: string): boolean {
  return target.startsWith('google/protobuf/') || BUNDLED_JSON.has(target);
}

/** A fresh Root of a bundled file's definitions, or undefined when protobufjs has none for it. */
export function bundledRoot(target: string): protobuf.Root | undefined {
  try {
    const common = protobuf.common.get(target);
    if (common) return protobuf.Root.fromJSON(common);
    const json = BUNDLED_JSON.get(target);
    if (json) return protobuf.Root.fromJSON(require(json) as protobuf.INamespace);
  } catch {
    // A bundle protobufjs cannot load is as good as absent: its types stay unlinked.
  }
  return undefined;
}
