import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/index.js';

const date = new Date('2024-01-15T14:30:45.123Z');

describe('exportFileName', () => {
  it('joins a safe base, a UTC timestamp and the extension', () => {
    expect(exportFileName('class analytics', 'xlsx', { date })).toBe('class_analytics_20240115_143045.xlsx');
    expect(exportFileName('student_analytics', 'csv.gz', { date })).toBe('student_analytics_20240115_143045.csv.gz');
  });

  it('replaces unsafe characters and keeps letters of any script', () => {
    expect(exportFileName('../../etc/passwd', 'csv', { date })).toBe('etc_passwd_20240115_143045.csv');
    expect(exportFileName('Отчёт: 5 "класс"', 'csv', { date })).toBe('Отчёт_5_класс_20240115_143045.csv');
    expect(exportFileName('  ', 'csv', { date })).toBe('export_20240115_143045.csv');
  });

  it('defaults the date to now', () => {
    expect(exportFileName('x', 'csv')).toMatch(/^x_\d{8}_\d{6}\.csv$/);
  });

  it.each([
    ['x', '.csv', {}],
    ['x', 'c/v', {}],
    [1, 'csv', {}],
    ['x', 'csv', { date: new Date(Number.NaN) }],
  ])('rejects %j %j %j', (base, format, options) => {
    expect(() => exportFileName(base as never, format, options as never)).toThrow(expect.objectContaining({ code: 'ROWPORT_INVALID_OPTION' }));
  });
});
