import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { synthesizeTemplate } from '../../infra/synth';

const EVENTS = join(__dirname, '..', '..', 'events');
const eventFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? eventFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );

/** `npm run invoke -- <function> <event>` is only useful if every function has an event to run. */
describe('sample events', () => {
  const entries = Object.values(synthesizeTemplate().Resources as Record<string, any>)
    .map((resource) => resource.Metadata?.['FrontDoor:Entry'] as string | undefined)
    .filter((entry): entry is string => Boolean(entry));
  const names = new Set(eventFiles(EVENTS).map((file) => basename(file)));

  it.each(entries)('has a sample event for %s', (entry) => {
    expect(names).toContain(`${basename(entry, '.ts')}.json`);
  });
});
