import { invalidOption } from '../../../errors.js';
import { optionKeys, ownOptions } from '../../../base/optionKeys.js';
import { type SheetHooks, type WorkbookFeature, columnOptions } from '../../seam/feature.js';
import { type PasswordHash, hashPassword } from './passwordHash.js';

/**
 * What a user may still do on a protected sheet. Excel's own default is
 * `['selectLockedCells', 'selectUnlockedCells']`: select any cell, change none but unlocked ones.
 * @example const allow: ProtectAllow[] = ['selectUnlockedCells', 'sort', 'autoFilter'];
 */
export type ProtectAllow =
  | 'selectLockedCells'
  | 'selectUnlockedCells'
  | 'formatCells'
  | 'formatColumns'
  | 'formatRows'
  | 'insertColumns'
  | 'insertRows'
  | 'insertHyperlinks'
  | 'deleteColumns'
  | 'deleteRows'
  | 'sort'
  | 'autoFilter'
  | 'pivotTables'
  | 'objects'
  | 'scenarios';

/**
 * Sheet protection: cells are locked but in columns with `locked: false`. This is not encryption:
 * anyone can read the file, and tools remove the protection in seconds; it keeps honest users from
 * changing cells by mistake.
 * @example { password: 'grades-2026', allow: ['selectUnlockedCells', 'sort', 'autoFilter'] }
 */
export interface ProtectOptions {
  /**
   * Asked by Excel to unprotect the sheet; stored as Excel stores it (salted SHA-512, 100,000
   * rounds), never as text. 1 to 255 characters. Absent: no password (unprotecting asks nothing).
   */
  readonly password?: string | undefined;
  /** What users may still do; replaces the default list. @default ['selectLockedCells', 'selectUnlockedCells'] */
  readonly allow?: readonly ProtectAllow[] | undefined;
}

/** The sheet option of the protection feature (`toXlsx` and every sheet of `toWorkbook`). */
export interface ProtectionSheetOptions {
  /**
   * Protect the sheet (`true` for Excel's defaults, or {@link ProtectOptions}): its cells are
   * locked, but those of columns with `locked: false`. Not encryption; see {@link ProtectOptions}.
   * @default false
   * @example toXlsx(rows, { protect: { password: 'teacher' }, columns: ['name', { key: 'grade', locked: false }] })
   */
  readonly protect?: boolean | ProtectOptions | undefined;
}

/**
 * What a column of `toXlsx`/`toWorkbook` may add to `Column` for protection.
 * @example { key: 'grade', locked: false }
 */
export interface ProtectionColumnOptions {
  /**
   * `false` leaves the column's cells (and blank cells below, in the column's format) editable on
   * a protected sheet: the fields of a form to fill in. Without `protect` it takes effect when the
   * sheet is protected in Excel.
   * @default true
   */
  readonly locked?: boolean | undefined;
}

/**
 * Sheet protection and unlocked columns. The password hash is made once per sheet when it
 * starts (100,000 SHA-512 rounds, some 0.1 s); unlocked cells get one cell format per format
 * the column uses, so nothing is added per cell.
 */
export const protectionFeature: WorkbookFeature<ProtectionSheetOptions, 'unlocked'> = {
  name: 'protection',
  columnKeys: ['locked'],
  column({ locked }, where) {
    if (locked !== undefined && typeof locked !== 'boolean') throw invalidOption(`${where}.locked`, 'true or false', locked);
    return locked === false ? 'unlocked' : undefined;
  },
  resolve(options, settings) {
    const where = settings.where;
    const unlocked = new Set((settings.columns ?? []).filter((column) => columnOptions(protectionFeature, column)).map((column) => column.key));
    const protect = resolveProtect(`${where}protect`, options.protect);
    if (protect === undefined && unlocked.size === 0) return undefined;
    return {
      name: 'protection',
      start(sheet) {
        const hash = protect?.password === undefined ? undefined : hashPassword(protect.password);
        const hooks: SheetHooks = {};
        if (protect) hooks.tail = () => ({ sheetProtection: sheetProtectionXml(protect.allow, hash) });
        if (unlocked.size > 0) {
          const format = { protection: 'locked="0"' } as const;
          const style = ` style="${sheet.styles.style(format)}"`;
          const cols = sheet.columns.map((c) => (unlocked.has(c.key) ? style : undefined));
          hooks.columnFormat = (column) => (unlocked.has(column.key) ? format : undefined);
          hooks.head = () => ({ cols });
        }
        return hooks;
      },
    };
  },
};

/**
 * The `<sheetProtection>` of a sheet (ECMA-376 Part 1, §18.3.1.85): what is allowed, and the password's hash.
 * @example sheetProtectionXml(new Set(['selectLockedCells', 'selectUnlockedCells', 'sort']), undefined)
 * //=> '<sheetProtection sheet="1" objects="1" scenarios="1" sort="0"/>'
 */
export function sheetProtectionXml(allow: ReadonlySet<ProtectAllow>, hash: PasswordHash | undefined): string {
  let xml = '<sheetProtection';
  if (hash) xml += ` algorithmName="SHA-512" hashValue="${hash.hashValue}" saltValue="${hash.saltValue}" spinCount="${hash.spinCount}"`;
  xml += ' sheet="1"';
  for (const what of ['objects', 'scenarios'] as const) if (!allow.has(what)) xml += ` ${what}="1"`;
  for (const what of LOCKED_BY_DEFAULT) if (allow.has(what)) xml += ` ${what}="0"`;
  for (const what of ['selectLockedCells', 'selectUnlockedCells'] as const) if (!allow.has(what)) xml += ` ${what}="1"`;
  return `${xml}/>`;
}

// --- internal ---

/** Actions ECMA-376 locks unless the attribute is 0, in CT_SheetProtection's attribute order. */
const LOCKED_BY_DEFAULT = [
  'formatCells',
  'formatColumns',
  'formatRows',
  'insertColumns',
  'insertRows',
  'insertHyperlinks',
  'deleteColumns',
  'deleteRows',
  'sort',
  'autoFilter',
  'pivotTables',
] as const;
/** Every action `allow` may list, in CT_SheetProtection's attribute order. */
export const ALLOWS: readonly ProtectAllow[] = ['selectLockedCells', 'selectUnlockedCells', ...LOCKED_BY_DEFAULT, 'objects', 'scenarios'];
const PROTECT_KEYS = optionKeys<ProtectOptions>({ password: true, allow: true });

interface ResolvedProtect {
  readonly password: string | undefined;
  readonly allow: ReadonlySet<ProtectAllow>;
}

function resolveProtect(option: string, value: unknown): ResolvedProtect | undefined {
  if (value === undefined || value === false) return undefined;
  const defaults: ReadonlySet<ProtectAllow> = new Set(['selectLockedCells', 'selectUnlockedCells']);
  if (value === true) return { password: undefined, allow: defaults };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidOption(option, 'true, false or { password?, allow? }', value);
  const p = ownOptions(value as ProtectOptions, PROTECT_KEYS, `${option}.`);
  const { password } = p;
  if (password !== undefined && (typeof password !== 'string' || password === '' || password.length > 255 || !password.isWellFormed())) {
    throw invalidOption(`${option}.password`, 'a string of 1 to 255 characters', '(a password, not shown)');
  }
  if (p.allow === undefined) return { password, allow: defaults };
  if (!Array.isArray(p.allow)) throw invalidOption(`${option}.allow`, `an array of ${ALLOWS.map((a) => `'${a}'`).join(', ')}`, p.allow);
  p.allow.forEach((what: unknown, i) => {
    if (!ALLOWS.includes(what as ProtectAllow)) throw invalidOption(`${option}.allow[${i}]`, ALLOWS.map((a) => `'${a}'`).join(', '), what);
  });
  return { password, allow: new Set(p.allow) };
}
