import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * GOV.UK puts the back link above `<main>`, outside every landmark, which axe's best practice
 * ("all page content should be contained by landmarks") flags on every question of the referrer
 * form, found walking it with the console's stricter checks. Each back link above the main content
 * sits in a navigation landmark named "Back", as the console's already did.
 */
describe('back links', () => {
  it('sit in a "Back" navigation landmark wherever they come before the main content', () => {
    // Prepare
    const VIEWS = join(__dirname, '../../shared/web/views');
    const beforeContent = readdirSync(VIEWS, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.njk'))
      .flatMap((file) => {
        const block = /\{% block beforeContent %\}([\s\S]*?)\{% endblock %\}/.exec(
          readFileSync(join(VIEWS, file), 'utf8'),
        );
        return block ? [{ file, text: block[1]! }] : [];
      });

    // Act
    const outsideNav = beforeContent
      .flatMap(({ file, text }) => text.split('\n').map((line) => ({ file, line: line.trim() })))
      .filter(({ line }) => line.includes('govukBackLink(') && !/<nav aria-label="Back">.*govukBackLink\(/.test(line));

    // Assess
    expect(beforeContent.length).toBeGreaterThan(5);
    expect(outsideNav).toEqual([]);
  });
});
