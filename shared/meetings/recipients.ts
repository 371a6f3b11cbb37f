import type { RuntimeConfig } from '../config';
import type { NotifiedContact } from '../contacts';
import { isSecureAddress } from '../mail/secure-address';
import type { Told } from './meeting';
import type { Directory } from './settings';

/**
 * Where a child's GP or school is told what came of a meeting (domain brief §10): the address the
 * area configured for the school or practice the notification names, or one the notification
 * gives for the child's GP or school among the other professionals. Only a secure domain gets
 * it; otherwise the chair is told to pass it on another way.
 */
export type Recipient = Told['recipient'];

const same = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
const emailIn = (value: string | undefined) =>
  /[^\s@<>(),;:]+@[^\s@<>(),;:]+\.[a-z]{2,}/i.exec(value ?? '')?.[0]?.toLowerCase();
const isGp = (role: string) => /\bGP\b|general practi/i.test(role);

const givenAddress = (
  recipient: Recipient,
  contact: NotifiedContact,
  childIndex: number,
  directory: Directory,
): string | undefined => {
  const child = contact.notification.children[childIndex];
  const professionals = contact.notification.otherProfessionals;
  if (recipient === 'school') {
    const configured = directory.schools.find((s) => same(s.name, child?.school))?.email;
    return (
      configured ??
      professionals.map((p) => (same(p.organisation, child?.school) ? emailIn(p.contact) : undefined)).find(Boolean)
    );
  }
  for (const p of professionals.filter(
    (p) => isGp(p.role) || directory.gpPractices.some((g) => same(g.name, p.organisation)),
  )) {
    const address = directory.gpPractices.find((g) => same(g.name, p.organisation))?.email ?? emailIn(p.contact);
    if (address) return address;
  }
  return undefined;
};

export const addressFor = (
  recipient: Recipient,
  contact: NotifiedContact,
  childIndex: number,
  directory: Directory,
  secure: Pick<RuntimeConfig, 'SECURE_EMAIL_DOMAINS'>,
): Pick<Told, 'outcome' | 'to'> => {
  const to = givenAddress(recipient, contact, childIndex, directory);
  if (!to) return { outcome: 'no-address' };
  return isSecureAddress(to, secure) ? { outcome: 'sent', to } : { outcome: 'not-secure', to };
};
