/**
 * The YAML schema descriptors are read with: YAML 1.2 core semantics as Backstage's `yaml` package
 * has them (dates stay strings, `yes`/`on` stay strings, no `<<` merging), plus tolerance for
 * unknown local tags (`!Ref`, `!Sub` in CloudFormation files that share a name with descriptors),
 * which become plain data instead of failing the whole document.
 */
import yaml from 'js-yaml';

const opaque = (kind: 'scalar' | 'sequence' | 'mapping', empty: () => unknown) =>
  new yaml.Type('!', {
    kind,
    multi: true,
    construct: (data: unknown) => data ?? empty(),
  });

export const DESCRIPTOR_SCHEMA = yaml.CORE_SCHEMA.extend([
  opaque('scalar', () => ''),
  opaque('sequence', () => []),
  opaque('mapping', () => ({})),
]);
