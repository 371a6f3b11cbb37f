import { connect } from 'node:net';

/**
 * A plain SMTP dialogue (RFC 5321) over a socket: what a referrer's mail server does when it
 * delivers to the front door. Returns the server's reply to the message, e.g. "250 Ok <id>".
 */
export async function sendSmtp(
  url: string,
  envelope: { from: string; to: string[] },
  message: string | Buffer,
): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.setEncoding('utf8');
  let buffered = '';
  const waiting: Array<(reply: string) => void> = [];
  const replies: string[] = [];
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    // A reply ends with a line whose code is followed by a space (continuation lines use "-").
    for (let match; (match = /^(\d{3}) .*\r?\n/m.exec(buffered)); ) {
      const end = match.index + match[0].length;
      const reply = buffered.slice(0, end).trim();
      buffered = buffered.slice(end);
      const next = waiting.shift();
      if (next) next(reply);
      else replies.push(reply);
    }
  });
  const reply = () =>
    new Promise<string>((resolve) => (replies.length ? resolve(replies.shift()!) : waiting.push(resolve)));
  const command = async (line: string, expected: RegExp) => {
    socket.write(`${line}\r\n`);
    const answer = await reply();
    if (!expected.test(answer)) throw new Error(`SMTP ${line.split(' ')[0]} got ${answer}`);
    return answer;
  };
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    if (!/^220/.test(await reply())) throw new Error('SMTP server did not greet');
    await command('EHLO sender.example', /^250/);
    await command(`MAIL FROM:<${envelope.from}>`, /^250/);
    for (const to of envelope.to) await command(`RCPT TO:<${to}>`, /^250/);
    await command('DATA', /^354/);
    // Dot-stuffing: a line starting with "." gets another, so it cannot end the message early.
    const body = message.toString().replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    const accepted = await command(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.`, /^250/);
    await command('QUIT', /^221/);
    return accepted;
  } finally {
    socket.destroy();
  }
}
