import type { Contact } from '../../shared/contacts';
import { createWorkingCalendar } from '../../shared/calendar';
import type { EmailMessage } from '../../shared/mail/message';
import type { Allegation, AllegationSummary } from '../../shared/lado/allegation';
import { AllegationChanged, type AllegationEvent, type AllegationStore } from '../../shared/lado/ports';
import type { ReferralDeps } from '../../shared/lado/referral';
import { DEFAULT_ALLEGATION_RETENTION } from '../../shared/lado/retention';
import { MemoryContactStore } from '../support/contact-store-in-memory';

/** The LADO pathway's ports in memory, for unit tests. */
export const memoryAllegations = () => {
  const allegations = new Map<string, Allegation>();
  const people = new Map<string, Map<string, AllegationSummary & { expiresAt: number }>>();
  const events: (AllegationEvent & { expiresAt: number })[] = [];
  const store: AllegationStore = {
    create: async (a) =>
      allegations.has(a.allegationId) ? 'exists' : (allegations.set(a.allegationId, structuredClone(a)), 'created'),
    get: async (id) => structuredClone(allegations.get(id)),
    update: async (id, expected, { version: _v, ...changes }, now) => {
      const current = allegations.get(id);
      if (!current || current.version !== expected) throw new AllegationChanged(id);
      const next = { ...current, ...changes, updatedAt: now, version: expected + 1 } as Allegation;
      for (const [k, v] of Object.entries(next))
        if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
      allegations.set(id, next);
      return structuredClone(next);
    },
    // Newest first, as DynamoDB's status index returns them, so a limit keeps the newest.
    listByStatus: async (status, limit) =>
      [...allegations.values()]
        .filter((a) => a.status === status)
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
        .slice(0, limit)
        .map((a) => structuredClone(a)),
    countByStatus: async (status) => [...allegations.values()].filter((a) => a.status === status).length,
    indexPerson: async (key, entry, expiresAt) => {
      const entries = people.get(key) ?? new Map();
      entries.set(entry.allegationId, { ...entry, expiresAt });
      people.set(key, entries);
    },
    findByPerson: async (key) =>
      [...(people.get(key)?.values() ?? [])]
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
        .map(({ expiresAt: _e, ...entry }) => entry),
    appendEvent: async (event, expiresAt) => void events.push({ ...event, expiresAt }),
    listEvents: async (id) =>
      events
        .filter((e) => e.allegationId === id)
        .sort((a, b) => a.at.localeCompare(b.at))
        .map(({ expiresAt: _e, ...event }) => event),
    removeBy: async (a, expiresAt) => {
      people.get(a.personKey)?.delete(a.allegationId);
      for (const e of events) if (e.allegationId === a.allegationId) e.expiresAt = expiresAt;
      allegations.set(a.allegationId, { ...allegations.get(a.allegationId)!, expiresAt });
    },
  };
  return { allegations, people, events, store };
};

/** The contact store in memory (test/support), and its contacts as stored. */
export const memoryContacts = (contacts: Contact[]) => {
  const store = new MemoryContactStore(contacts);
  return { byId: store.contacts, store };
};

export const memoryMailer = () => {
  const sent = new Map<string, EmailMessage>();
  return {
    sent,
    mailer: { sendOnce: async (m: EmailMessage) => void (sent.has(m.idempotencyKey) || sent.set(m.idempotencyKey, m)) },
  };
};

export const mailConfig = {
  AREA_NAME: 'Exampleshire',
  PUBLIC_BASE_URL: 'https://front-door.exampleshire.example',
  SECURE_EMAIL_DOMAINS: ['exampleshire.example', 'school.sch.example'],
  DUTY_MANAGER_ADDRESS: 'duty@exampleshire.example',
  EARLY_HELP_TEAM_ADDRESS: 'eh@exampleshire.example',
  SOCIAL_CARE_TEAM_ADDRESS: 'sc@exampleshire.example',
  DUTY_TEAM_PHONE: '01632 960 000',
  ESCALATION_GUIDANCE_URL: 'https://partnership.example/escalation',
};

export const ladoSettings: ReferralDeps['settings'] = {
  ALLEGATION_RETENTION: DEFAULT_ALLEGATION_RETENTION,
  LADO_PHONE: '01632 960 555',
  LADO_EMAIL: 'lado@exampleshire.example',
};

export const calendar = createWorkingCalendar();

/** The person-matching key a deployed stage keeps in Secrets Manager. */
export const matchKey = 'unit-test-key-unit-test-key-unit-test-key';
