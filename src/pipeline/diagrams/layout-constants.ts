/** Edge-label sizing shared by the elk and the tiny layout. */
import { textWidth } from './text.js';

export const EDGE_LABEL_FONT = 11;
export const EDGE_LABEL_HEIGHT = 16;

export function edgeLabelText(types: readonly string[]): string {
  return types.join(' / ');
}

export function edgeLabelWidth(text: string): number {
  return Math.ceil(textWidth(text, EDGE_LABEL_FONT) + 10);
}
