import { randomUUID } from 'node:crypto';
import { newContactId } from '../../shared/contacts';
import { recordConsultation } from '../../shared/consultations/consultation';
import { callerAgencyOptions } from '../../shared/consultations/caller-agency';
import { startPhoneContact } from '../../shared/consultations/phone-contact';
import { consultationStore } from '../lib/dependencies';
import { logger } from '../lib/observability';
import { formFields, page, redirect } from '../lib/pages';
import { draftCookie, draftStore } from '../referrer/dependencies';
import { baseContext, consoleRoute } from './lib';

const render = (
  context: ReturnType<typeof baseContext>,
  values: Record<string, string>,
  errors: { text: string; href: string }[] = [],
  status = 200,
) =>
  page('console/phone.njk', { ...context, values, errors, agencies: callerAgencyOptions(values.callerAgency) }, status);

/**
 * GET /console/phone: record a telephone call. POST: a call about a child opens the referrer's
 * guided form on a draft marked as a phone call; a consultation with no child identified is
 * recorded here and never goes to triage.
 */
export const handler = consoleRoute('act', async (event, user, actor) => {
  const context = baseContext(user);
  if (event.requestContext.http.method !== 'POST') return render(context, {});
  const fields = formFields(event);
  if (fields.about !== 'consultation') {
    const draft = await startPhoneContact(
      { actor, draftId: newContactId(), now: new Date() },
      { drafts: draftStore() },
    );
    logger.info('Recording a telephone contact');
    return redirect('/notify/immediate-danger', [draftCookie(draft.draftId)]);
  }
  const result = await recordConsultation(
    { fields, by: { id: actor.id, name: actor.name }, consultationId: randomUUID(), now: new Date() },
    { consultations: consultationStore() },
  );
  if (result.outcome === 'invalid')
    return render(
      context,
      fields,
      result.errors.map((e) => ({ text: e.message, href: `#${e.path}` })),
      400,
    );
  logger.info('Consultation recorded', { consultationId: result.consultation.consultationId });
  return redirect('/console/consultations?done=recorded');
});
