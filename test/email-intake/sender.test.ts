import { senderAuthentication, validAddress } from '../../shared/email-intake/sender';

describe('inbound email senders', () => {
  it('trusts a sender when DMARC passes, or SPF or DKIM passes for a domain with no DMARC policy', () => {
    expect(senderAuthentication({ spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' }).authenticated).toBe(true);
    expect(senderAuthentication({ spf: 'PASS', dkim: 'GRAY', dmarc: 'GRAY' }).authenticated).toBe(true);
    expect(senderAuthentication({ spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL' }).authenticated).toBe(false);
    expect(senderAuthentication({ spf: 'FAIL', dkim: 'GRAY', dmarc: 'GRAY' }).authenticated).toBe(false);
    expect(senderAuthentication({}).authenticated).toBe(false);
  });

  it('keeps only a plain valid address: markup, quotes and spaces are not addresses', () => {
    expect(validAddress(' Pat.Neighbour@Mail.Example ')).toBe('pat.neighbour@mail.example');
    for (const crafted of [
      '<script>alert(1)</script>@mail.example',
      '"a b"@mail.example',
      'a@b@mail.example',
      'script',
      undefined,
    ]) {
      expect(validAddress(crafted)).toBeUndefined();
    }
  });
});
