/** The `/create/` gallery: every Template as a card, with what the filters need. */
import type { EntityLinkView, EntityView } from './types.js';

export interface TemplateCard {
  ref: string;
  href: string;
  title: string;
  description?: string;
  type?: string;
  tags: string[];
  owner?: EntityLinkView;
  /** `backstage.io/time-saved` (ISO 8601, `PT6H`) as words: "6 h". */
  timeSaved?: string;
}

/** `P1DT2H30M` → `1 d 2 h 30 min`; undefined for anything else. */
export function durationWords(iso: string): string | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:\d+(?:\.\d+)?S)?)?$/.exec(iso.trim());
  if (!m || !m.slice(1).some(Boolean)) return undefined;
  const [, w, d, h, min] = m;
  const parts = [w && `${w} wk`, d && `${d} d`, h && `${h} h`, min && `${min} min`].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

export function templateCards(entities: readonly EntityView[]): TemplateCard[] {
  return entities.filter((e) => e.kind === 'Template').map((e) => {
    // the annotation view may already read the duration (`raw` is then what was written)
    const saved = e.annotations.find((a) => a.key === 'backstage.io/time-saved');
    const timeSaved = saved ? (saved.raw !== undefined ? saved.value : durationWords(saved.value)) : undefined;
    return {
      ref: e.ref, href: e.href, title: e.title, tags: e.tags,
      ...(e.description ? { description: e.description } : {}),
      ...(e.type ? { type: e.type } : {}),
      ...(e.owner ? { owner: e.owner } : {}),
      ...(timeSaved ? { timeSaved } : {}),
    };
  }).sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }));
}
