/**
 * Backstage's default field-format validators (`catalog-model/src/validation`), character sets and
 * lengths exactly as the catalog enforces them, with the wording its errors use.
 */
import { quote } from '../../yaml/quote.js';

const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;

export const isValidObjectName = (v: string): boolean => v.length >= 1 && v.length <= 63 && OBJECT_NAME.test(v);
export const isValidDnsLabel = (v: string): boolean => v.length >= 1 && v.length <= 63 && DNS_LABEL.test(v);
export const isValidNamespace = isValidDnsLabel;

export function isValidDnsSubdomain(v: string): boolean {
  return v.length >= 1 && v.length <= 253 && v.split('.').every(isValidDnsLabel);
}

export const isValidKind = (v: string): boolean => v.length >= 1 && v.length <= 63 && KIND.test(v);
export const isValidTag = (v: string): boolean => v.length >= 1 && v.length <= 63 && TAG.test(v);

/** `[prefix/]suffix`: prefix a DNS subdomain, suffix alphanumeric, at most one `/`. */
export function isValidApiVersion(v: string): boolean {
  const parts = v.split('/');
  if (parts.length > 2) return false;
  const suffix = parts[parts.length - 1]!;
  if (suffix.length < 1 || suffix.length > 63 || !API_VERSION_SUFFIX.test(suffix)) return false;
  return parts.length === 1 || isValidDnsSubdomain(parts[0]!);
}

/** Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name an object name. */
export function isValidMetadataKey(v: string): boolean {
  const parts = v.split('/');
  if (parts.length > 2) return false;
  if (parts.length === 2 && !isValidDnsSubdomain(parts[0]!)) return false;
  return isValidObjectName(parts[parts.length - 1]!);
}

export const isValidLabelValue = (v: string): boolean => v === '' || isValidObjectName(v);

export function isAbsoluteUrl(v: string): boolean {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

export const EXPECT = {
  name: 'a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total',
  namespace: 'a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total',
  kind: 'a string that starts with a letter and contains only [a-zA-Z0-9], at most 63 characters',
  apiVersion: 'a string of the form [prefix/]version, e.g. backstage.io/v1alpha1',
  tag: 'a string that is sequences of [a-z0-9+#:] separated by [-], at most 63 characters in total',
  key: 'a valid prefix and/or suffix: [<dns-subdomain>/]<name>, the name being sequences of [a-zA-Z0-9] separated by any of [-_.]',
  labelValue: 'an empty string, or sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters',
  url: 'an absolute URL (e.g. https://…)',
} as const;

/** `value` is untrusted: quoted short and with control characters escaped. */
export const invalid = (value: unknown, expected: string): string =>
  `${quote(value)} is not valid; expected ${expected}`;
