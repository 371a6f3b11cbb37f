import { readFileSync } from 'node:fs';
import { getDefaultRuleset, RulesetError, type RulesetInput } from '../../shared/rules';
import { parseRuleset } from '../../shared/rules/loader';
import { checkRuleset } from '../../shared/rules/check';

const defaultText = readFileSync('shared/rules/rulesets/default.json', 'utf8');
const issuesOf = (text: string, filename: string) => {
  try {
    parseRuleset(text, filename);
  } catch (error) {
    if (error instanceof RulesetError) return error.issues;
    throw error;
  }
  throw new Error('expected the ruleset to be rejected');
};

describe('parseRuleset', () => {
  it('accepts the default ruleset, which is labelled as a default to replace', () => {
    const ruleset = parseRuleset(defaultText, 'default.json');
    expect(ruleset.status).toBe('default');
    expect(ruleset.notice).toMatch(/Replace it with your area's own guidance/);
    expect(ruleset.indicators.length).toBeGreaterThanOrEqual(60);
  });

  it('points at the line and path of an unknown key in JSON', () => {
    // Whatever the file's layout, misspell the key of the 16A indicator's `when` condition.
    const text = defaultText.replace(/("factors":\s*\["16A"\],\s*"when":\s*\{\s*)"factor"/, '$1"factr"');
    expect(text).not.toBe(defaultText);
    const line = text.split('\n').findIndex((l) => l.includes('"factr"')) + 1;
    const [issue] = issuesOf(text, 'area.json');
    expect(issue).toMatchObject({ line, message: expect.stringMatching(/factr/) });
    expect(issue!.path).toMatch(/^indicators\.\d+\.when$/);
  });

  it('reports YAML errors with lines, unknown references and bad codes with paths', () => {
    const yaml = [
      'id: my-area',
      'version: 2.0.0',
      'title: My area',
      'status: draft',
      'effectiveFrom: 2027-04-01',
      'levels: {}',
      'indicators:',
      '  - id: neglect',
      '    side: parenting-capacity',
      '    level: 5',
      '    title: Neglect',
      '    text: Neglect is reported.',
      '    factors: [16Z]',
      'rules:',
      '  - id: r',
      '    title: R',
      '    text: R.',
      '    when: { indicator: [nobody] }',
      '    then: { level: 3 }',
    ].join('\n');
    const issues = issuesOf(yaml, 'area.yaml');
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'indicators.0.level', line: 10, message: 'A level is 1, 2, 3 or 4' }),
        expect.objectContaining({ path: 'indicators.0.factors.0', line: 13 }),
        expect.objectContaining({ path: 'levels.1', line: 6, message: 'This field is required' }),
        expect.objectContaining({ path: 'clocks', message: 'This field is required' }),
      ]),
    );
    expect(issuesOf('id: [unclosed', 'bad.yaml')[0]).toMatchObject({ line: 1 });
  });

  it('names an unknown indicator in a rule', () => {
    const data = JSON.parse(defaultText) as RulesetInput;
    data.rules![0]!.when = { indicator: ['not-an-indicator'] };
    expect(issuesOf(JSON.stringify(data, null, 2), 'x.json')).toContainEqual(
      expect.objectContaining({ path: 'rules.0.when.indicator.0', message: 'Unknown indicator "not-an-indicator"' }),
    );
  });
});

describe('checkRuleset', () => {
  it('finds nothing wrong with the default ruleset, which covers every CIN factor', () => {
    expect(checkRuleset(getDefaultRuleset())).toEqual([]);
  });

  it('reports unreachable, contradictory, idle and conflicting rules, and gaps in coverage', () => {
    const data = JSON.parse(defaultText) as RulesetInput;
    // Gang involvement only when chosen, so factor 13A on its own fires nothing (a gap in coverage).
    delete data.indicators.find((i) => i.id === 'gang-involvement')!.when;
    data.rules!.push(
      { id: 'too-many', title: 'T', text: 'T.', when: { countAtLevel: { level: 1, gte: 9 } }, then: { level: 2 } },
      {
        id: 'two-dash',
        title: 'T',
        text: 'T.',
        when: { all: [{ dash: ['high'] }, { dash: ['standard'] }] },
        then: { level: 4 },
      },
      { id: 'idle', title: 'T', text: 'T.', when: { indicator: ['dash-high'] }, then: { level: 3 } },
      { id: 'clash', title: 'T', text: 'T.', when: { factor: ['16A'] }, then: { level: 3 } },
      { id: 'clash-2', title: 'T', text: 'T.', when: { factor: ['16A'] }, then: { level: 4 } },
    );
    const findings = checkRuleset(parseRuleset(JSON.stringify(data), 'x.json')).map(
      (f) => `${f.severity} ${f.message}`,
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^error "too-many" can never fire: it needs 9 level 1 indicators but the ruleset has \d+/,
        ),
        'error "two-dash" can never fire: it needs two different dash values at once',
        'warning "idle" never changes the outcome: whenever it fires the level is already 4 or more',
        'error "clash-2" has the same condition as "clash" but a different outcome',
        'warning factor 13A on its own fires no indicator, so a contact with only that factor is level 1',
      ]),
    );
  });
});
