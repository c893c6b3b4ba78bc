import { selectColumns, toCsv, toWorkbook, toXlsx } from '../../../dist/index.js';

const stream = new ReadableStream<{ id: number; name: string }>({
  start(controller) {
    controller.enqueue({ id: 1, name: 'Ada' });
    controller.close();
  },
});

export const csv = toCsv(stream);
export const xlsx = toXlsx(stream, { columns: ['id', { key: 'upper', value: (row) => row.name.toUpperCase() }] });
export const workbook = toWorkbook([{ name: 'People', rows: stream }]);
export const picked = selectColumns(stream, ['id']);
