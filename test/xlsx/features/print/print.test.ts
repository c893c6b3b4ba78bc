import { describe, expect, it } from 'vitest';
import { Zone } from '../../../../src/dates/zone.js';
import type { PartContext, SheetStart } from '../../../../src/xlsx/seam/feature.js';
import { printFeature, printTitlesName, printXml, resolvePrintOptions } from '../../../../src/xlsx/features/print/print.js';
import { resolveLook } from '../../../../src/xlsx/settings/look.js';
import { FeatureState, resolveSheetSettings } from '../../../../src/xlsx/settings/sheetSettings.js';

const defaults = {
  header: true,
  dateFormat: 'iso',
  timeZone: 'UTC',
  zone: new Zone('UTC'),
  maxRows: Infinity,
  look: resolveLook({}),
  state: new FeatureState(),
};

const invalid = (option: string) => expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION', message: expect.stringContaining(`\`${option}\``) });

describe('resolvePrintOptions', () => {
  it('defaults: no header or footer, repeat the header row, nothing else', () => {
    expect(resolvePrintOptions(undefined, undefined)).toEqual({
      header: undefined,
      footer: undefined,
      orientation: undefined,
      fitToWidth: false,
      repeatHeader: true,
      paperSize: undefined,
      gridlines: false,
    });
  });

  it('takes paper sizes by name or number', () => {
    expect(resolvePrintOptions(undefined, { paperSize: 'a4' }).paperSize).toBe(9);
    expect(resolvePrintOptions(undefined, { paperSize: 'Letter' }).paperSize).toBe(1);
    expect(resolvePrintOptions(undefined, { paperSize: 8 }).paperSize).toBe(8);
  });

  describe('rejects', () => {
    it.each([null, 'Page &P', []])('headerFooter %j', (headerFooter) => {
      expect(() => resolvePrintOptions(headerFooter, undefined)).toThrow(invalid('headerFooter'));
    });
    it.each([3, 'x'.repeat(256)])('a header of %j', (header) => {
      expect(() => resolvePrintOptions({ header }, undefined)).toThrow(invalid('headerFooter.header'));
      expect(() => resolvePrintOptions({ footer: header }, undefined)).toThrow(invalid('headerFooter.footer'));
    });
    it.each([null, 'landscape', 1])('print %j', (print) => {
      expect(() => resolvePrintOptions(undefined, print)).toThrow(invalid('print'));
    });
    it.each(['Landscape', 'wide', 1])('orientation %j', (orientation) => {
      expect(() => resolvePrintOptions(undefined, { orientation })).toThrow(invalid('print.orientation'));
    });
    it.each(['fitToWidth', 'repeatHeader', 'gridlines'])('%s that is not a boolean', (name) => {
      expect(() => resolvePrintOptions(undefined, { [name]: 'yes' })).toThrow(invalid(`print.${name}`));
    });
    it.each(['a9', 0, 119, 1.5, null])('paperSize %j', (paperSize) => {
      expect(() => resolvePrintOptions(undefined, { paperSize })).toThrow(invalid('print.paperSize'));
    });
    it('naming the sheet', () => {
      expect(() => resolvePrintOptions(undefined, { orientation: 'x' }, 'sheets[1].')).toThrow(invalid('sheets[1].print.orientation'));
    });
  });
});

describe('printXml', () => {
  it('writes only the default margins by default', () => {
    expect(printXml(resolvePrintOptions(undefined, undefined))).toEqual({
      sheetPr: '',
      printOptions: '',
      pageMargins: '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
      pageSetup: '',
      headerFooter: '',
    });
  });

  it('writes orientation, paper size and fit to one page wide', () => {
    const xml = printXml(resolvePrintOptions(undefined, { orientation: 'landscape', paperSize: 'a4', fitToWidth: true, gridlines: true }));
    expect(xml.pageSetup).toBe('<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="landscape"/>');
    expect(xml.sheetPr).toBe('<pageSetUpPr fitToPage="1"/>');
    expect(xml.printOptions).toBe('<printOptions gridLines="1"/>');
  });

  it('writes header and footer with their codes, escaped, centred unless a section is given', () => {
    const xml = printXml(resolvePrintOptions({ header: '&LR&&D <report>&R&D', footer: 'Page &P of &N' }, undefined));
    expect(xml.headerFooter).toBe(
      '<headerFooter><oddHeader>&amp;LR&amp;&amp;D &lt;report&gt;&amp;R&amp;D</oddHeader><oddFooter>&amp;CPage &amp;P of &amp;N</oddFooter></headerFooter>',
    );
  });

  it('writes only the part that is given', () => {
    expect(printXml(resolvePrintOptions({ footer: '&A' }, undefined)).headerFooter).toBe('<headerFooter><oddFooter>&amp;C&amp;A</oddFooter></headerFooter>');
    expect(printXml(resolvePrintOptions({ header: '' }, undefined)).headerFooter).toBe('');
  });
});

describe('printTitlesName', () => {
  const defaults = resolvePrintOptions(undefined, undefined);
  it('repeats row 1 of the sheet, quoting its name', () => {
    expect(printTitlesName('Class Summary', defaults, true)).toEqual({ name: '_xlnm.Print_Titles', value: "'Class Summary'!$1:$1", local: true });
    expect(printTitlesName('Data', defaults, true)).toEqual({ name: '_xlnm.Print_Titles', value: 'Data!$1:$1', local: true });
  });
  it('is left out without a header row or with repeatHeader off', () => {
    expect(printTitlesName('Data', defaults, false)).toBeUndefined();
    expect(printTitlesName('Data', resolvePrintOptions(undefined, { repeatHeader: false }), true)).toBeUndefined();
  });
});

describe('printFeature', () => {
  const settings = resolveSheetSettings({}, defaults, '', { requested: 'Data', written: 'Data' });
  const sheet = (headerRow = 1) => ({ header: true, headerRow }) as SheetStart;
  const part = { sheetName: 'Data' } as PartContext;
  it('writes margins by default and repeats the header row', () => {
    const hooks = printFeature.resolve({}, settings)!.start(sheet());
    expect(hooks.head!(part)).toEqual({});
    expect(hooks.tail!(part)).toEqual({ pageMargins: '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' });
    expect(hooks.definedNames!(part)).toEqual([{ name: '_xlnm.Print_Titles', value: 'Data!$1:$1', local: true }]);
  });
  it('repeats the header row where it is, below rows written above it', () => {
    const hooks = printFeature.resolve({}, settings)!.start(sheet(4));
    expect(hooks.definedNames!(part)).toEqual([{ name: '_xlnm.Print_Titles', value: 'Data!$4:$4', local: true }]);
  });
  it('puts each fragment in its place', () => {
    const hooks = printFeature
      .resolve({ headerFooter: { footer: 'Page &P' }, print: { fitToWidth: true, gridlines: true, orientation: 'landscape' } }, settings)!
      .start(sheet());
    expect(hooks.head!(part)).toEqual({ sheetPr: '<pageSetUpPr fitToPage="1"/>' });
    expect(hooks.tail!(part)).toMatchObject({
      printOptions: '<printOptions gridLines="1"/>',
      pageSetup: '<pageSetup fitToWidth="1" fitToHeight="0" orientation="landscape"/>',
      headerFooter: '<headerFooter><oddFooter>&amp;CPage &amp;P</oddFooter></headerFooter>',
    });
  });
  it('checks its options at once', () => {
    const inSheet = resolveSheetSettings({}, defaults, 'sheets[0].', { requested: 'Data', written: 'Data' });
    expect(() => printFeature.resolve({ print: { orientation: 'up' } } as never, inSheet)).toThrow(invalid('sheets[0].print.orientation'));
  });
});
