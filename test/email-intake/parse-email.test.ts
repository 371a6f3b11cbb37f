import { htmlToText } from '../../shared/email-intake/html-text';
import { parseEmail } from '../../shared/email-intake/parse';

/**
 * The email parser (postal-mime) on what referrers' mail programs send. Each case was compared
 * with mailparser, which it replaced; where the two differ the test says so.
 */
const HEADERS = 'From: Pat Neighbour <pat@mail.example>\r\nTo: notify@exampleshire.example\r\nMIME-Version: 1.0\r\n';
const email = (...parts: Array<string | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

describe('reading an inbound email', () => {
  it('decodes the charsets mail programs use, in the body and in encoded-word subjects', async () => {
    // Prepare
    const latin1 = email(
      HEADERS,
      'Subject: =?ISO-8859-1?Q?Caf=E9_worry?=\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n',
      'Content-Transfer-Encoding: quoted-printable\r\n\r\nThe child at the caf=E9 said =A33 was taken. Soft=\r\n break.\r\n',
    );
    const windows1252 = email(
      HEADERS,
      'Subject: quotes\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\n',
      Buffer.from('9349926d20736361726564942096208035', 'hex'),
    );
    const japanese = email(
      HEADERS,
      'Subject: =?ISO-2022-JP?B?GyRCPzRHWxsoQg==?=\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n',
      '\x1b$B;R6!$,?4G[$G$9\x1b(B\r\n',
    );
    const cyrillic = email(
      HEADERS,
      'Subject: =?koi8-r?B?8sXCo87Pyw==?=\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\n',
      Buffer.from('f2c5c2a3cecfcb', 'hex'),
    );

    // Act
    const a = await parseEmail(latin1);
    const b = await parseEmail(windows1252);
    const c = await parseEmail(japanese);
    const d = await parseEmail(cyrillic);

    // Assess
    expect([a.subject, a.text?.trim()]).toEqual(['Café worry', 'The child at the café said £3 was taken. Soft break.']);
    expect(b.text?.trim()).toBe('“I’m scared” – €5');
    expect([c.subject, c.text?.trim()]).toEqual(['心配', '子供が心配です']);
    expect([d.subject, d.text?.trim()]).toEqual(['Ребёнок', 'Ребёнок']);
  });

  it('keeps the plain part of a multipart/alternative email, and reads an HTML-only one as text', async () => {
    // Prepare
    const alternative = email(
      HEADERS,
      'Subject: alt\r\nContent-Type: multipart/alternative; boundary="a"\r\n\r\n',
      '--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain version.\r\n',
      '--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML <b>version</b>.</p>\r\n--a--\r\n',
    );
    // As Outlook sends an HTML email with a picture in it. mailparser gave it no text at all.
    const relatedHtmlOnly = email(
      HEADERS,
      'Subject: rel\r\nContent-Type: multipart/related; boundary="r"\r\n\r\n',
      '--r\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>The boy at <b>5 Fictional Row</b> is hurt.</p><img src="cid:i1">\r\n',
      '--r\r\nContent-Type: image/png\r\nContent-ID: <i1>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n',
    );

    // Act
    const a = await parseEmail(alternative);
    const b = await parseEmail(relatedHtmlOnly);

    // Assess
    expect([a.text?.trim(), a.hasHtml]).toEqual(['Plain version.', true]);
    expect(b.text).toBe('The boy at 5 Fictional Row is hurt.');
    expect(b.attachments).toEqual([expect.objectContaining({ contentType: 'image/png', size: 8 })]);
  });

  it('lists attachments with decoded names, types and sizes; an attached email stays an attachment', async () => {
    // Prepare
    const raw = email(
      HEADERS,
      'Subject: files\r\nContent-Type: MULTIPART/MIXED; BOUNDARY="m"\r\n\r\n',
      '--m\r\nContent-Type: text/plain\r\n\r\nBody text.\r\n',
      "--m\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\r\n",
      'Content-Transfer-Encoding: BASE64\r\n\r\nJVBERi0xLjQK\r\n',
      '--m\r\nContent-Type: text/plain; name=notes.txt\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\nNotes.\r\n',
      '--m\r\nContent-Type: message/rfc822\r\n\r\nFrom: a@b.example\r\nSubject: inner\r\n\r\nInner body.\r\n--m--\r\n',
    );

    // Act
    const mail = await parseEmail(raw);

    // Assess
    expect(mail.text?.trim()).toBe('Body text.');
    expect(mail.attachments.map(({ filename, contentType, size }) => [filename, contentType, size])).toEqual([
      ['résumé.pdf', 'application/pdf', 9],
      ['notes.txt', 'text/plain', 7],
      [undefined, 'message/rfc822', 46],
    ]);
    expect(mail.attachments[0]!.content.toString('latin1')).toBe('%PDF-1.4\n');
  });

  it('reads what it can of malformed headers and a message cut off mid-part', async () => {
    // Prepare
    const oddHeaders = email(
      'From: =?utf-8?Q?J=C3=B6rg?= <jorg@mail.example>\r\nThis line has no colon\r\n',
      'Subject: still here\r\n folded on\r\nX-Empty:\r\n\r\nBody after odd headers.\r\n',
    );
    const cutOff = email(
      HEADERS,
      'Subject: cut\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\n',
      'Text before the cut.\r\n--m\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0x',
    );
    const groupFrom = email('From: Team: a@mail.example, b@mail.example;\r\nSubject: group\r\n\r\nText\r\n');

    // Act
    const a = await parseEmail(oddHeaders);
    const b = await parseEmail(cutOff);
    const c = await parseEmail(groupFrom);

    // Assess
    expect([a.from, a.subject, a.text?.trim()]).toEqual([
      'jorg@mail.example',
      'still here folded on',
      'Body after odd headers.',
    ]);
    expect([b.text?.trim(), b.attachments.map((x) => x.filename)]).toEqual(['Text before the cut.', ['a.pdf']]);
    // A group names no one sender to answer, so the intake refuses it, as it did with mailparser.
    expect(c.from).toBeUndefined();
  });

  it('refuses, as unreadable, parts nested deeper than any mail program makes them', async () => {
    // Prepare: mailparser read 80 levels; postal-mime stops at the limit the intake sets.
    const nesting = Array.from(
      { length: 80 },
      (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`,
    ).join('');
    const raw = email(HEADERS, 'Subject: deep\r\n', nesting, 'Content-Type: text/plain\r\n\r\ndeep text\r\n');

    // Act
    const parsing = parseEmail(raw);

    // Assess
    await expect(parsing).rejects.toThrow(/nesting/i);
  });
});

describe('the text of an HTML-only email', () => {
  it('keeps the words and line breaks, and drops script, style, head, comments and every tag', () => {
    // Prepare
    const html =
      '<html><head><title>t</title><script>alert("stolen")</script></head><body><style>p{}</style>' +
      '<p>Tom &amp; Jerry&nbsp;are &lt;b&gt; &pound;5 &#8211; &#x2019; &eacute;</p><!-- hidden -->' +
      '<ul><li>one</li><li>two</li></ul>age < 5<br>next<img src=x onerror="alert(1)"></body></html>';

    // Act
    const text = htmlToText(html);

    // Assess
    expect(text).toBe('Tom & Jerry are <b> £5 – ’ &eacute;\n\none\n\ntwo\n\nage < 5\nnext');
  });

  it('drops everything after a script or comment that is never closed', () => {
    // Act
    const text = htmlToText('<p>Seen</p><script>document.location="https://evil.example"');

    // Assess
    expect(text).toBe('Seen');
  });
});
