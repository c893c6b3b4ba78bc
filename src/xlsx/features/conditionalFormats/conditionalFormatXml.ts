import { escapeText, escapeXstringAttribute } from '../../xml/xmlText.js';
import { expression } from '../../links/links.js';
import { CELL_OPERATORS, type ResolvedConditionalFormat } from './conditionalFormatOptions.js';
import type { ResolvedCellStyle } from '../../styles/cellStyle.js';

/** Where one rule applies in one sheet part, and the dxf of its highlight. */
export interface PlacedRule {
  readonly rule: ResolvedConditionalFormat;
  /** The range, `C2:C1001`. */
  readonly sqref: string;
  /** The top-left cell of the range, `C2`, that formulas are written relative to. */
  readonly topLeft: string;
}

/**
 * The `<conditionalFormatting>` elements of a sheet tail (ECMA-376 Part 1, §18.3.1.18), one per
 * rule, priorities 1, 2, … in the order given.
 * @param dxf - The index of the differential format (`<dxf>` in styles) of a highlight style.
 * @example conditionalFormattingXml([{ rule: { type: 'dataBar', column: 'score', color: 'FF638EC6' }, sqref: 'C2:C9', topLeft: 'C2' }], () => 0)
 * //=> '<conditionalFormatting sqref="C2:C9"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule></conditionalFormatting>'
 */
export function conditionalFormattingXml(rules: readonly PlacedRule[], dxf: (style: ResolvedCellStyle) => number): string {
  let xml = '';
  rules.forEach(({ rule, sqref, topLeft }, i) => {
    const priority = i + 1;
    xml += `<conditionalFormatting sqref="${sqref}">${ruleXml(rule, priority, topLeft, dxf)}</conditionalFormatting>`;
  });
  return xml;
}

// --- internal ---

function ruleXml(rule: ResolvedConditionalFormat, priority: number, topLeft: string, dxf: (style: ResolvedCellStyle) => number): string {
  switch (rule.type) {
    case 'colorScale': {
      const mid = rule.colors.length === 3 ? '<cfvo type="percentile" val="50"/>' : '';
      const colors = rule.colors.map((c) => `<color rgb="${c}"/>`).join('');
      return `<cfRule type="colorScale" priority="${priority}"><colorScale><cfvo type="min"/>${mid}<cfvo type="max"/>${colors}</colorScale></cfRule>`;
    }
    case 'dataBar':
      return `<cfRule type="dataBar" priority="${priority}"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="${rule.color}"/></dataBar></cfRule>`;
    case 'iconSet': {
      const n = Number(rule.icons[0]);
      let cfvos = '';
      for (let k = 0; k < n; k++) cfvos += `<cfvo type="percent" val="${Math.round((100 * k) / n)}"/>`;
      const attrs = `${rule.icons === '3TrafficLights1' ? '' : ` iconSet="${rule.icons}"`}${rule.showValue ? '' : ' showValue="0"'}${rule.reverse ? ' reverse="1"' : ''}`;
      return `<cfRule type="iconSet" priority="${priority}"><iconSet${attrs}>${cfvos}</iconSet></cfRule>`;
    }
    case 'cell':
      return (
        `<cfRule type="cellIs" dxfId="${dxf(rule.style)}" priority="${priority}" operator="${CELL_OPERATORS[rule.operator]}">` +
        rule.values.map((v) => `<formula>${escapeText(v)}</formula>`).join('') +
        '</cfRule>'
      );
    case 'text': {
      // As a cell rule's text: a string expression, so a literal `_xHHHH_` is not decoded by the reader.
      const literal = expression(rule.contains);
      return (
        `<cfRule type="containsText" dxfId="${dxf(rule.style)}" priority="${priority}" operator="containsText" text="${escapeXstringAttribute(rule.contains)}">` +
        `<formula>${escapeText(`NOT(ISERROR(SEARCH(${literal},${topLeft})))`)}</formula></cfRule>`
      );
    }
    case 'top':
    case 'bottom':
      return `<cfRule type="top10" dxfId="${dxf(rule.style)}" priority="${priority}"${rule.percent ? ' percent="1"' : ''}${rule.type === 'bottom' ? ' bottom="1"' : ''} rank="${rule.count}"/>`;
    case 'aboveAverage':
    case 'belowAverage':
      return `<cfRule type="aboveAverage" dxfId="${dxf(rule.style)}" priority="${priority}"${rule.type === 'belowAverage' ? ' aboveAverage="0"' : ''}/>`;
  }
}
