import { escapeMarkup } from '../../shared/web/escape';

describe('escapeMarkup', () => {
  it('writes the five characters that could end an element or a quoted attribute as entities', () => {
    // Prepare
    const typed = `<script>alert("Tom & Jerry's")</script>`;

    // Act
    const escaped = escapeMarkup(typed);

    // Assess
    expect(escaped).toBe('&lt;script&gt;alert(&quot;Tom &amp; Jerry&#39;s&quot;)&lt;/script&gt;');
  });

  it('leaves every other character as it was, accents and line breaks included', () => {
    // Prepare
    const typed = 'Zoë Fictional\nFlat 2, 5 Sample Row';

    // Act and Assess
    expect(escapeMarkup(typed)).toBe(typed);
  });
});
