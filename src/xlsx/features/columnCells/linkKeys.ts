import { invalidOption } from '../../../errors.js';
import { closestName } from '../../../base/optionKeys.js';

/** A link template's placeholders that must be found on the rows: they name no column. */
export interface LinkKeys {
  /** The option, for messages: `sheets[0].columns[2].link`. */
  readonly option: string;
  readonly template: string;
  readonly keys: readonly string[];
}

/** The `{key}`s of a link template that are not among `columnKeys`; undefined when there are none. */
export function linkKeysOffColumns(option: string, template: string, columnKeys: ReadonlySet<string>): LinkKeys | undefined {
  const keys = [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string).filter((key) => !columnKeys.has(key));
  return keys.length === 0 ? undefined : { option, template, keys };
}

/**
 * Checks link placeholders that name no column against the first row: each must be a property of
 * it (for a dot path, its first step). A key on neither is a typo that would link every cell to the
 * bare URL.
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the option and the key, with the nearest key.
 */
export function checkLinkKeys(links: readonly LinkKeys[], firstRow: unknown, columnKeys: ReadonlySet<string>): void {
  if (firstRow === null || typeof firstRow !== 'object') return;
  for (const { option, template, keys } of links) {
    for (const key of keys) {
      if (Object.hasOwn(firstRow, key) || Object.hasOwn(firstRow, key.split('.')[0] as string)) continue;
      const known = [...columnKeys, ...Object.keys(firstRow)];
      const meant = closestName(key, known, Math.max(1, Math.floor(key.length / 3)));
      throw invalidOption(
        option,
        'a URL template whose {key}s are column keys or keys of the rows',
        template,
        `{${key}} is neither a column key nor a key of the first row${meant === undefined ? '' : `; did you mean {${meant}}?`} (keys: ${known.slice(0, 20).join(', ')})`,
      );
    }
  }
}
