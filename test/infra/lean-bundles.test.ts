import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import nunjucks from 'nunjucks';
import { copiedFiles, copyCommand } from '../../infra/constructs/front-door-function';

const ROOT = join(__dirname, '..', '..');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

describe('what a function carries beside its bundle', () => {
  let out: string;
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('a page function carries templates only, and every view renders from them alone', () => {
    // Prepare
    out = mkdtempSync(join(tmpdir(), 'front-door-pages-'));

    // Act
    for (const files of copiedFiles({ pages: true })) execSync(copyCommand(ROOT, out, files), { shell: '/bin/sh' });

    // Assess
    const copied = filesUnder(out);
    expect(copied.every((f) => f.endsWith('.njk'))).toBe(true);
    expect(copied.reduce((sum, f) => sum + statSync(f).size, 0)).toBeLessThan(1024 * 1024);
    const env = new nunjucks.Environment(
      new nunjucks.FileSystemLoader([join(out, 'shared/web/views'), join(out, 'node_modules/govuk-frontend/dist')]),
      { autoescape: true },
    );
    env.addFilter('londonTime', () => '');
    const views = filesUnder(join(ROOT, 'shared/web/views')).map((f) => relative(join(ROOT, 'shared/web/views'), f));
    expect(views.length).toBeGreaterThan(5);
    for (const view of views) expect(() => env.render(view, {})).not.toThrow();
  });

  it('the assets function carries the compiled styles, script, fonts and images, and no sources', () => {
    // Prepare
    out = mkdtempSync(join(tmpdir(), 'front-door-assets-'));

    // Act
    for (const files of copiedFiles({ assets: true })) execSync(copyCommand(ROOT, out, files), { shell: '/bin/sh' });

    // Assess
    const govuk = join(out, 'node_modules/govuk-frontend/dist/govuk');
    const copied = filesUnder(govuk).map((f) => relative(govuk, f));
    expect(copied).toEqual(
      expect.arrayContaining(['govuk-frontend.min.css', 'govuk-frontend.min.js', 'assets/manifest.json']),
    );
    expect(copied.some((f) => f.startsWith('assets/fonts/') && f.endsWith('.woff2'))).toBe(true);
    expect(copied.filter((f) => /\.(scss|map|mjs|njk)$/.test(f))).toEqual([]);
    // And Front Door's own stylesheet (the console's stacked tables, the red banner).
    expect(filesUnder(join(out, 'shared/web/assets')).map((f) => relative(out, f))).toEqual([
      'shared/web/assets/front-door.css',
    ]);
  });
});
