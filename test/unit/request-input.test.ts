import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isJsonContentType, MAX_JSON_DEPTH, readJsonBody } from '../../functions/lib/http';
import { parseNotification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';

/** Input that cannot be stored as it was sent is refused with a clear error, before anything is stored. */
const event = (body: string | Buffer, contentType = 'application/json'): APIGatewayProxyEventV2 =>
  ({
    headers: { 'content-type': contentType },
    isBase64Encoded: Buffer.isBuffer(body),
    body: Buffer.isBuffer(body) ? body.toString('base64') : body,
  }) as unknown as APIGatewayProxyEventV2;

describe('reading a JSON request body', () => {
  it('accepts exactly application/json, with or without charset=utf-8', () => {
    for (const type of [
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
    ]) {
      expect([type, isJsonContentType(type)]).toEqual([type, true]);
    }
  });

  it('refuses look-alike content types and other charsets with a 415', () => {
    for (const type of [
      'application/jsonp',
      'application/json-seq',
      'application/json-patch+json',
      'application/json; charset=latin1',
      'text/json',
      '',
    ]) {
      const result = readJsonBody(event('{}', type));
      expect([type, result.ok ? 200 : result.response.statusCode]).toEqual([type, 415]);
    }
  });

  it('refuses bytes that are not UTF-8 with a 400, whether the gateway passed them as bytes or replaced them', () => {
    const invalid = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    for (const body of [invalid, invalid.toString('utf8')]) {
      const result = readJsonBody(event(body));
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.response).toMatchObject({ statusCode: 400, body: expect.stringContaining('UTF-8') });
    }
  });

  it('refuses half a surrogate pair anywhere in the body, even written as an escape', () => {
    for (const body of ['{"a":"\\ud800"}', '{"a":["x\\udc00y"]}', '{"\\ud83d":1}']) {
      const result = readJsonBody(event(body));
      expect([body, result.ok ? 200 : result.response.statusCode]).toEqual([body, 400]);
    }
  });

  it('refuses a body nested deeper than any notification with a 400, however deep, rather than failing', () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 5_000, 100_000]) {
      // Prepare
      const body = `${'['.repeat(depth)}${']'.repeat(depth)}`;

      // Act
      const result = readJsonBody(event(body));

      // Assess
      expect([depth, result.ok ? 200 : result.response.statusCode]).toEqual([depth, 400]);
      if (!result.ok) expect(result.response.body).toContain('nested too deeply');
    }
  });

  it('accepts nesting up to the limit', () => {
    const body = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(readJsonBody(event(body)).ok).toBe(true);
  });

  it('keeps well-formed text from any script, emoji included', () => {
    const result = readJsonBody(event(Buffer.from('{"a":"Zoë 王 \\ud83d\\ude00 😀"}')));
    expect(result).toEqual({ ok: true, value: { a: 'Zoë 王 😀 😀' } });
  });
});

describe('names in a notification', () => {
  it.each([
    ['a right-to-left override', 'Ali\u202Ecod'],
    ['a left-to-right isolate', 'Ali\u2066ce'],
    ['a lone high surrogate', 'Ali\uD800ce'],
    ['a lone low surrogate', 'Ali\uDC00ce'],
  ])('refuses %s in a child, referrer, carer or professional name', (_what, name) => {
    // Prepare
    const input = aSchoolNeglectNotification() as any;
    input.children[0].firstName = name;
    input.referrer.name = name;
    input.parentsAndCarers[0].name = name;

    // Act
    const result = parseNotification(input);

    // Assess
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.path).sort()).toEqual([
        'children.0.firstName',
        'parentsAndCarers.0.name',
        'referrer.name',
      ]);
  });

  it('refuses a name of nothing but control characters as empty, rather than storing ""', () => {
    // Prepare
    const input = aSchoolNeglectNotification() as any;
    input.children[0].firstName = '\u0000';
    input.parentsAndCarers[0].name = '\u0007\t\n';

    // Act
    const result = parseNotification(input);

    // Assess
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'children.0.firstName', message: 'Enter a value' },
      { path: 'parentsAndCarers.0.name', message: 'Enter a value' },
    ]);
  });

  it.each([
    [
      'a name or a description of only invisible characters, counting what a reader sees',
      { firstName: '\u200B', referrerName: '\uFEFF\u2060', description: `${'\u200B'.repeat(30)}abc` },
      ['children.0.firstName', 'concerns.description', 'referrer.name'],
    ],
    [
      'a name of only marks or punctuation, and a description counted without any character that shows nothing',
      { firstName: '\u200D', lastName: '\u00AD-', description: `${'\u200D\u180E\u00AD'.repeat(10)}abc` },
      ['children.0.firstName', 'children.0.lastName', 'concerns.description'],
    ],
  ])('refuses %s', (_what, sent: Record<string, string>, refused) => {
    // Prepare
    const input = aSchoolNeglectNotification() as any;
    input.children[0].firstName = sent.firstName;
    if (sent.lastName !== undefined) input.children[0].lastName = sent.lastName;
    if (sent.referrerName !== undefined) input.referrer.name = sent.referrerName;
    input.concerns.description = sent.description;

    // Act
    const result = parseNotification(input);

    // Assess
    expect(result.ok ? [] : result.errors.map((e) => e.path).sort()).toEqual(refused);
  });

  it('takes out the direction marks that come unseen with pasted names, which cannot reorder text', () => {
    const input = aSchoolNeglectNotification() as any;
    input.children[0].firstName = '\u200Fمريم\u200E';
    input.referrer.name = 'Ali\u061C Example';
    const result = parseNotification(input);
    expect(result.ok && [result.notification.children[0]!.firstName, result.notification.referrer.name]).toEqual([
      'مريم',
      'Ali Example',
    ]);
  });

  it('keeps the joiners that shape letters in a name', () => {
    const input = aSchoolNeglectNotification() as any;
    input.children[0].firstName = 'می\u200Cخواهم';
    const result = parseNotification(input);
    expect(result.ok && result.notification.children[0]!.firstName).toBe('می\u200Cخواهم');
  });

  it('accepts names in right-to-left scripts, which need no control characters', () => {
    const input = aSchoolNeglectNotification() as any;
    input.children[0].firstName = 'مريم';
    expect(parseNotification(input).ok).toBe(true);
  });
});
