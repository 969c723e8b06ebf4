/**
 * PlantUML's text encoding for server URLs (https://plantuml.com/text-encoding): UTF-8, raw
 * deflate, then base64 with PlantUML's own alphabet (0-9A-Za-z-_, in that order). Written out
 * instead of taking a package: it is node:zlib and twenty lines, which is all plantuml-encoder does in Node.
 */
import { deflateRawSync } from 'node:zlib';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

export function encodePlantuml(text: string): string {
  const data = deflateRawSync(Buffer.from(text, 'utf8'), { level: 9 });
  let out = '';
  for (let i = 0; i < data.length; i += 3) {
    const b1 = data[i]!;
    const b2 = data[i + 1] ?? 0;
    const b3 = data[i + 2] ?? 0;
    out += ALPHABET[b1 >> 2]! + ALPHABET[((b1 & 0x3) << 4) | (b2 >> 4)]!
      + ALPHABET[((b2 & 0xf) << 2) | (b3 >> 6)]! + ALPHABET[b3 & 0x3f]!;
  }
  return out;
}
