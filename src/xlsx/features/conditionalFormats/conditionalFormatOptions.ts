import { invalidOption } from '../../../errors.js';
import { optionKeys, ownOptions, ownProperties } from '../../../base/optionKeys.js';
import { expression } from '../../links/links.js';
import { type CellStyle, type ResolvedCellStyle, argbColour, resolveCellStyle } from '../../styles/cellStyle.js';

/** Icon sets Excel has built in (ECMA-376 Part 1, §18.18.42 ST_IconSetType). */
export const ICON_SETS = [
  '3Arrows',
  '3ArrowsGray',
  '3Flags',
  '3TrafficLights1',
  '3TrafficLights2',
  '3Signs',
  '3Symbols',
  '3Symbols2',
  '4Arrows',
  '4ArrowsGray',
  '4RedToBlack',
  '4Rating',
  '4TrafficLights',
  '5Arrows',
  '5ArrowsGray',
  '5Rating',
  '5Quarters',
] as const;
/** One of Excel's 17 icon sets, for an `iconSet` rule (`'3TrafficLights1'`, `'3Arrows'`, `'5Rating'`, …). */
export type IconSet = (typeof ICON_SETS)[number];

/** Comparison of a cell rule, with the ECMA-376 operator it writes (§18.18.15 ST_ConditionalFormattingOperator). */
export const CELL_OPERATORS = {
  '>': 'greaterThan',
  '>=': 'greaterThanOrEqual',
  '<': 'lessThan',
  '<=': 'lessThanOrEqual',
  '=': 'equal',
  '!=': 'notEqual',
  between: 'between',
  notBetween: 'notBetween',
} as const;
/** The comparison of a `cell` rule: `'>'`, `'>='`, `'<'`, `'<='`, `'='`, `'!='`, or `'between'` / `'notBetween'` with `[low, high]`. */
export type CellOperator = keyof typeof CELL_OPERATORS;

/** What all rules share: where they apply. On a column (`columns[i].conditionalFormats`), `column` is that column. */
interface RuleBase {
  /** Key of the column whose data cells the rule covers (all of them: the range is known when the rows are). */
  readonly column?: string | undefined;
}
/** Cells shaded from one colour (lowest) to another (highest), through a middle colour if three are given. */
export interface ColorScaleRule extends RuleBase {
  /** A 2- or 3-colour scale (min, 50th percentile, max). */
  readonly type: 'colorScale';
  /** Two or three hex colours, lowest first. @default ['F8696B', 'FFEB84', '63BE7B'] (red, yellow, green) */
  readonly colors?: readonly string[] | undefined;
}
/** A bar in each cell, as long as its value is large. */
export interface DataBarRule extends RuleBase {
  /** A data bar from the lowest value to the highest. */
  readonly type: 'dataBar';
  /** Hex colour of the bars. @default '638EC6' */
  readonly color?: string | undefined;
}
/** An icon in each cell by the third (quarter, fifth) of the range its value falls in. */
export interface IconSetRule extends RuleBase {
  /** Icons by equal percent bands. */
  readonly type: 'iconSet';
  /** Which icons. @default '3TrafficLights1' */
  readonly icons?: IconSet | undefined;
  /** Lowest values get the first icon instead of the last. @default false */
  readonly reverse?: boolean | undefined;
  /** Show the value beside the icon. @default true */
  readonly showValue?: boolean | undefined;
}
/** Cells whose value compares true get `style`. `between` and `notBetween` take `[low, high]`. */
export interface CellRule extends RuleBase {
  /** Compare each cell with `value`. */
  readonly type: 'cell';
  /** The comparison. */
  readonly operator: CellOperator;
  /** A number or text; `[low, high]` for `between` and `notBetween`. */
  readonly value: number | string | readonly [number | string, number | string];
  /** The look of the cells that compare true. */
  readonly style: CellStyle;
}
/** Cells whose text contains `text` (without case) get `style`. */
export interface TextRule extends RuleBase {
  /** Match each cell's text. */
  readonly type: 'text';
  /** The text to look for, without regard to case. */
  readonly contains: string;
  /** The look of the cells that contain it. */
  readonly style: CellStyle;
}
/** The `count` highest (`top`) or lowest (`bottom`) values (or `count` percent of them) get `style`. */
export interface RankRule extends RuleBase {
  /** The highest (`top`) or the lowest (`bottom`) values. */
  readonly type: 'top' | 'bottom';
  /** How many values (or percent of them). @default 10 */
  readonly count?: number | undefined;
  /** `count` is a percentage of the values. @default false */
  readonly percent?: boolean | undefined;
  /** The look of those cells. */
  readonly style: CellStyle;
}
/** Values above (or below) the range's average get `style`. */
export interface AverageRule extends RuleBase {
  /** Values above, or below, the average of the column's data cells. */
  readonly type: 'aboveAverage' | 'belowAverage';
  /** The look of those cells. */
  readonly style: CellStyle;
}

/** One conditional format. */
export type ConditionalFormat = ColorScaleRule | DataBarRule | IconSetRule | CellRule | TextRule | RankRule | AverageRule;

/** A rule checked: colours as `AARRGGBB`, a highlight style resolved, the column known. */
export type ResolvedConditionalFormat =
  | { readonly type: 'colorScale'; readonly column: string; readonly colors: readonly string[] }
  | { readonly type: 'dataBar'; readonly column: string; readonly color: string }
  | { readonly type: 'iconSet'; readonly column: string; readonly icons: IconSet; readonly reverse: boolean; readonly showValue: boolean }
  | { readonly type: 'cell'; readonly column: string; readonly operator: CellOperator; readonly values: readonly string[]; readonly style: ResolvedCellStyle }
  | { readonly type: 'text'; readonly column: string; readonly contains: string; readonly style: ResolvedCellStyle }
  | { readonly type: 'top' | 'bottom'; readonly column: string; readonly count: number; readonly percent: boolean; readonly style: ResolvedCellStyle }
  | { readonly type: 'aboveAverage' | 'belowAverage'; readonly column: string; readonly style: ResolvedCellStyle };

/** Excel's longest string literal in a formula. */
export const MAX_FORMULA_STRING = 255;

/**
 * Checks a list of conditional formats once, at call time.
 * @param option - The option's name for messages: `conditionalFormats`, `sheets[1].columns[2].conditionalFormats`.
 * @param rules - The option's value.
 * @param column - The column the list sits on, or undefined for the sheet's list (then each rule names its `column`).
 * @throws {RowportError} `ROWPORT_INVALID_OPTION` naming the rule and its property.
 */
export function resolveConditionalFormats(option: string, rules: unknown, column: string | undefined): ResolvedConditionalFormat[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules))
    throw invalidOption(
      option,
      'an array of rules ({ type: "colorScale" | "dataBar" | "iconSet" | "cell" | "text" | "top" | "bottom" | "aboveAverage" | "belowAverage", … })',
      rules,
    );
  return rules.map((rule: unknown, i) => resolveRule(`${option}[${i}]`, rule, column));
}

// --- internal ---

const TYPES = ['colorScale', 'dataBar', 'iconSet', 'cell', 'text', 'top', 'bottom', 'aboveAverage', 'belowAverage'];

/** The keys of each type of rule; see `ownOptions`. */
const RULE_KEYS: Record<ConditionalFormat['type'], ReadonlySet<string>> = {
  colorScale: optionKeys<ColorScaleRule>({ type: true, column: true, colors: true }),
  dataBar: optionKeys<DataBarRule>({ type: true, column: true, color: true }),
  iconSet: optionKeys<IconSetRule>({ type: true, column: true, icons: true, reverse: true, showValue: true }),
  cell: optionKeys<CellRule>({ type: true, column: true, operator: true, value: true, style: true }),
  text: optionKeys<TextRule>({ type: true, column: true, contains: true, style: true }),
  top: optionKeys<RankRule>({ type: true, column: true, count: true, percent: true, style: true }),
  bottom: optionKeys<RankRule>({ type: true, column: true, count: true, percent: true, style: true }),
  aboveAverage: optionKeys<AverageRule>({ type: true, column: true, style: true }),
  belowAverage: optionKeys<AverageRule>({ type: true, column: true, style: true }),
};

function resolveRule(name: string, rule: unknown, onColumn: string | undefined): ResolvedConditionalFormat {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) throw invalidOption(name, 'a rule object { type, … }', rule);
  const { type } = ownProperties(rule as Record<string, unknown>);
  if (!TYPES.includes(type as string)) throw invalidOption(`${name}.type`, TYPES.map((t) => `'${t}'`).join(', '), type);
  const r = ownOptions(rule as Record<string, unknown>, RULE_KEYS[type as ConditionalFormat['type']], `${name}.`); // own properties only
  let column = onColumn;
  if (r.column !== undefined || onColumn === undefined) {
    if (typeof r.column !== 'string' || r.column === '') throw invalidOption(`${name}.column`, 'the key of a column', r.column);
    if (onColumn !== undefined && r.column !== onColumn)
      throw invalidOption(`${name}.column`, `'${onColumn}' (the column the rule sits on) or nothing`, r.column);
    column = r.column;
  }
  const key = column as string;
  switch (r.type) {
    case 'colorScale': {
      const colors = r.colors ?? ['F8696B', 'FFEB84', '63BE7B'];
      if (!Array.isArray(colors) || (colors.length !== 2 && colors.length !== 3))
        throw invalidOption(`${name}.colors`, 'two or three hex colours (lowest, [middle,] highest)', colors);
      return { type: 'colorScale', column: key, colors: colors.map((c: unknown, j) => argbColour(`${name}.colors[${j}]`, c)) };
    }
    case 'dataBar':
      return { type: 'dataBar', column: key, color: argbColour(`${name}.color`, r.color ?? '638EC6') };
    case 'iconSet': {
      const { icons = '3TrafficLights1', reverse = false, showValue = true } = r;
      if (!ICON_SETS.includes(icons as IconSet)) throw invalidOption(`${name}.icons`, ICON_SETS.map((s) => `'${s}'`).join(', '), icons);
      if (typeof reverse !== 'boolean') throw invalidOption(`${name}.reverse`, 'true or false', reverse);
      if (typeof showValue !== 'boolean') throw invalidOption(`${name}.showValue`, 'true or false', showValue);
      return { type: 'iconSet', column: key, icons: icons as IconSet, reverse, showValue };
    }
    case 'cell': {
      const operator = r.operator as CellOperator;
      if (!Object.hasOwn(CELL_OPERATORS, operator as string))
        throw invalidOption(
          `${name}.operator`,
          Object.keys(CELL_OPERATORS)
            .map((o) => `'${o}'`)
            .join(', '),
          r.operator,
        );
      const range = operator === 'between' || operator === 'notBetween';
      const raw = r.value;
      if (range ? !(Array.isArray(raw) && raw.length === 2) : Array.isArray(raw)) {
        throw invalidOption(`${name}.value`, range ? 'two values [low, high]' : 'a number or a string', raw);
      }
      const values = (range ? (raw as unknown[]) : [raw]).map((v, j) => operand(range ? `${name}.value[${j}]` : `${name}.value`, v));
      return { type: 'cell', column: key, operator, values, style: resolveCellStyle(`${name}.style`, r.style) };
    }
    case 'text': {
      // The text is also an attribute, where XML 1.0 has no way to write a control character or a lone surrogate.
      const { contains } = r;
      if (typeof contains !== 'string' || contains === '' || contains.length > MAX_FORMULA_STRING || /[\x00-\x1f]/.test(contains) || !contains.isWellFormed()) {
        throw invalidOption(
          `${name}.contains`,
          `a non-empty string of at most ${MAX_FORMULA_STRING} characters, without control characters or lone surrogates`,
          contains,
        );
      }
      return { type: 'text', column: key, contains, style: resolveCellStyle(`${name}.style`, r.style) };
    }
    case 'top':
    case 'bottom': {
      const { count = 10, percent = false } = r;
      if (typeof percent !== 'boolean') throw invalidOption(`${name}.percent`, 'true or false', percent);
      const max = percent ? 100 : 1000;
      if (!(Number.isInteger(count) && (count as number) >= 1 && (count as number) <= max))
        throw invalidOption(`${name}.count`, `a whole number from 1 to ${max}`, count);
      return { type: r.type, column: key, count: count as number, percent, style: resolveCellStyle(`${name}.style`, r.style) };
    }
    default:
      return { type: r.type as 'aboveAverage' | 'belowAverage', column: key, style: resolveCellStyle(`${name}.style`, r.style) };
  }
}

/** A comparison value as formula text: a number as is, text as a string expression (`"a_"&"x0041_"&CHAR(1)`). */
function operand(name: string, value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // Without `_xHHHH_` in the formula (control characters as CHAR(n)), which Excel decodes and LibreOffice does not.
  // A lone surrogate has no form in XML at all.
  if (typeof value === 'string' && value.length <= MAX_FORMULA_STRING && value.isWellFormed()) return expression(value);
  throw invalidOption(name, `a finite number or a string of at most ${MAX_FORMULA_STRING} characters, without lone surrogates`, value);
}
