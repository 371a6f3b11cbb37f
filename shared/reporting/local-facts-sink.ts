import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FactsSink } from './ports';
import { currentSnapshot } from './duckdb-facts';
import { FACT_TABLES } from './schema';

/**
 * The extract's output on a laptop: each run a snapshot folder of Parquet files
 * (`<dir>/<runId>/contacts/part-00000.parquet`), made current by renaming a one-line `current`
 * file over the old one once every part is written, so a reader never sees half a snapshot.
 * Older snapshots are removed afterwards.
 */
export const localFactsSink = (directory: string): FactsSink => ({
  async writePart(runId, table, part, parquet) {
    const dir = join(directory, runId, FACT_TABLES[table].folder);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `part-${String(part).padStart(5, '0')}.parquet`), parquet);
  },
  async publish(runId) {
    await mkdir(join(directory, runId), { recursive: true });
    const previous = currentSnapshot(directory);
    await writeFile(join(directory, 'current.tmp'), runId);
    await rename(join(directory, 'current.tmp'), join(directory, 'current'));
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== runId && (entry.name === previous || /^run-/.test(entry.name)))
        await rm(join(directory, entry.name), { recursive: true, force: true });
    }
  },
});
