import ExcelJS from 'exceljs';
import type { Table } from './table';

/**
 * A workbook with one worksheet per table: headings in the first row, dates as real dates shown
 * dd/mm/yyyy (so a performance team can sort and filter them), numbers as numbers, codes as text.
 */
export const toXlsx = async (tables: readonly Table[]): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Front Door';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow([...table.headings]).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(
        row.map((cell) =>
          cell === undefined ? null : typeof cell === 'object' ? new Date(`${cell.date}T00:00:00Z`) : cell,
        ),
      );
      row.forEach((cell, i) => {
        if (typeof cell === 'object') added.getCell(i + 1).numFmt = 'dd/mm/yyyy';
      });
    }
    sheet.columns.forEach((column, i) => {
      column.width = Math.max(12, (table.headings[i] ?? '').length + 2);
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
