/**
 * CSV as case management systems export it (RFC 4180: commas, double quotes, CRLF or LF, a
 * header row). Returns one record per data row, keyed by the header's names in lower case.
 */
export const parseCsv = (text: string): { header: string[]; rows: Record<string, string>[] } => {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      (field = ''), (record = []);
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const nonEmpty = records.filter((r) => r.some((f) => f.trim() !== ''));
  const header = (nonEmpty.shift() ?? []).map((h) => h.trim().toLowerCase());
  return { header, rows: nonEmpty.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]?.trim() ?? '']))) };
};
