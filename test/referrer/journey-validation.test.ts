import {
  answerPage,
  findPage,
  messageForPath,
  allPages,
  notificationInput,
  pageForPath,
  whatLeavesWith,
  withChildRemoved,
  type Answers,
  type FormValues,
} from '../../shared/referrer/journey';
import { parseNotification } from '../../shared/notification';
import { renderPage } from '../../shared/web/render';
import { schoolNeglectViaForm } from './journey-support';

/**
 * Issue 12 points 5 and 6, issue 9 point 4: GOV.UK error messages that name the field, dates
 * that make sense, postcodes stored with their space, and unknown left unknown.
 */
describe('checking the referrer journey answers', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  const errorsFor = (pageId: string, posted: Record<string, string>) => {
    const values: FormValues = Object.fromEntries(Object.entries(posted).map(([k, v]) => [k, [v]]));
    return answerPage(findPage(pageId, {})!, {}, values, now).errors;
  };
  const child = (date: Record<string, string>, born = 'yes') => ({
    firstName: 'Ellie',
    lastName: 'Fictional',
    born,
    gender: 'b',
    ...date,
  });

  it('says what to do in GOV.UK style, naming the field', () => {
    expect(errorsFor('immediate-danger', {})).toEqual({
      immediateDanger: 'Select yes if a child is in immediate danger',
    });
    expect(errorsFor('about-you', {})).toMatchObject({
      name: 'Enter your full name',
      role: 'Enter your role',
      agencyType: 'Select the type of organisation you work for',
    });
    expect(errorsFor('children/0/details', { born: 'yes' })).toMatchObject({
      firstName: "Enter the child's name, or what they are known as",
      dateOfBirth: "Enter the child's date of birth",
      gender: "Select the child's gender",
    });
  });

  it('clears the consent reason when the answer changes to given, so the notification can still be sent', () => {
    // Prepare: consent refused, with a reason typed
    const page = findPage('consent', {})!;
    const refused = answerPage(
      page,
      {},
      { consentStatus: ['refused'], refusedReason: ['The parents said no when asked on the phone.'] },
      now,
    );

    // Act: the referrer changes their answer
    const given = answerPage(page, refused.answers, { consentStatus: ['given'], refusedReason: ['still typed'] }, now);

    // Assess
    expect(given.errors).toEqual({});
    expect(notificationInput(given.answers).consent).toEqual({ status: 'given' });
  });

  it("asks each child's own CSE screening outcome and missing count when there are several children, and sends them as that child's", () => {
    // Prepare: two children and a worry about exploitation; DASH stays one answer for the household.
    const draft = {
      concernAreas: ['exploitation'],
      children: [child({ dateOfBirth: '2011-05-02' }), { ...child({ dateOfBirth: '2016-01-09' }), firstName: 'Finn' }],
    };
    const page = findPage('screening', draft)!;
    // Act
    const back = answerPage(
      page,
      draft,
      { dashRisk: ['standard'], 'cseRisk-0': ['high'], 'missingEpisodes-0': ['3'], 'missingEpisodes-1': ['two'] },
      now,
    );
    const fixed = answerPage(
      page,
      back.answers,
      { dashRisk: ['standard'], 'cseRisk-0': ['high'], 'missingEpisodes-0': ['3'] },
      now,
    );
    const sent = notificationInput(fixed.answers) as {
      children: { concerns?: unknown }[];
      concerns: { screening: unknown };
    };
    // Assess
    expect(page.fields.map((f) => f.label).slice(0, 5)).toEqual([
      'DASH domestic abuse risk level (optional)',
      'Ellie Fictional: child sexual exploitation screening outcome (optional)',
      'Ellie Fictional: times gone missing in the last 90 days, including this time (optional)',
      'Finn Fictional: child sexual exploitation screening outcome (optional)',
      'Finn Fictional: times gone missing in the last 90 days, including this time (optional)',
    ]);
    expect(back.errors).toEqual({
      'missingEpisodes-1':
        'Finn Fictional: times gone missing in the last 90 days, including this time must be a whole number, like 2',
    });
    expect(sent.children[0]!.concerns).toEqual({
      indicators: [],
      factors: [],
      screening: { cseRisk: 'high', missingEpisodes: 3 },
    });
    expect(sent.children[1]!.concerns).toBeUndefined();
    expect(sent.concerns.screening).toEqual({ dashRisk: 'standard' });
    expect(pageForPath('children.1.concerns.screening.missingEpisodes', fixed.answers)).toBe('screening');
    // With one child, the page asks once, for the notification, as before.
    expect(
      findPage('screening', { concernAreas: ['exploitation'], children: [child({})] })!.fields.map((f) => f.path),
    ).toContain('concerns.screening.cseRisk');
  });

  describe('changing the number of children after the screening page', () => {
    // Ellie (15) was screened high for CSE and has gone missing 3 times; the DASH level is the household's.
    const ellie = child({ dateOfBirth: '2011-05-02' });
    const finn = { ...child({ dateOfBirth: '2016-01-09' }), firstName: 'Finn' };
    const screened: Answers = {
      concernAreas: ['exploitation'],
      children: [ellie],
      concerns: { screening: { dashRisk: 'medium', cseRisk: 'high', missingEpisodes: 3 } },
    };
    const sentOf = (answers: Answers) =>
      notificationInput(answers) as {
        children: { concerns?: { screening?: unknown } }[];
        concerns: { screening: unknown };
      };

    it("keeps an only child's results as that child's own when a second child is added", () => {
      // Act: the referrer adds Finn from check your answers.
      const added = answerPage(
        findPage('children/1/details', screened)!,
        screened,
        {
          firstName: ['Finn'],
          lastName: ['Fictional'],
          born: ['yes'],
          'dateOfBirth-day': ['9'],
          'dateOfBirth-month': ['1'],
          'dateOfBirth-year': ['2016'],
          gender: ['a'],
        },
        now,
      );
      // Assess: the screening page now shows Ellie's answers under her name, and sends them as hers.
      expect(added.errors).toEqual({});
      const page = findPage('screening', added.answers)!;
      expect(page.fields.map((f) => f.path)).toContain('children.0.concerns.screening.cseRisk');
      expect(added.answers.children![0]).toMatchObject({
        concerns: { screening: { cseRisk: 'high', missingEpisodes: 3 } },
      });
      const sent = sentOf(added.answers);
      expect(sent.children[0]!.concerns?.screening).toEqual({ cseRisk: 'high', missingEpisodes: 3 });
      expect(sent.children[1]!.concerns).toBeUndefined();
      expect(sent.concerns.screening).toEqual({ dashRisk: 'medium' });
    });

    it("keeps the remaining child's own results when one of two is removed, and drops the removed child's", () => {
      // Prepare: Finn first, then Ellie, each with their own results.
      const two: Answers = {
        concernAreas: ['exploitation'],
        children: [
          { ...finn, concerns: { screening: { cseRisk: 'low' } } },
          { ...ellie, concerns: { screening: { cseRisk: 'high', missingEpisodes: 3 } } },
        ],
        concerns: { screening: { dashRisk: 'medium' } },
      };
      // Act: Finn is removed.
      const left = withChildRemoved(two, 0);
      // Assess: Ellie's results are the notification's again, as the one-child page asks them.
      expect(left.children).toEqual([ellie]);
      expect(sentOf(left).concerns.screening).toEqual({ dashRisk: 'medium', cseRisk: 'high', missingEpisodes: 3 });
      expect(sentOf(left).children[0]!.concerns).toBeUndefined();
    });

    it("removes an only child's results with the child, so a child added later does not inherit them", () => {
      const none = withChildRemoved(screened, 0);
      expect(none.concerns).toEqual({ screening: { dashRisk: 'medium' } });
    });

    it('keeps which child each worry is about for the children who stay, and says what removing a child takes', () => {
      // Prepare: three children; going missing is about Ellie and Ava, sexual exploitation about Finn alone.
      const three: Answers = {
        concernAreas: ['exploitation'],
        concerns: { indicators: ['missing-reported', 'cse-reported'] },
        children: [ellie, { ...finn, concerns: { screening: { missingEpisodes: 1 } } }, { ...finn, firstName: 'Ava' }],
        concernsAbout: { 'cse-reported': ['1'], 'missing-reported': ['0', '2'] },
      };
      // Act
      const leaving = whatLeavesWith(three, 1);
      const left = withChildRemoved(three, 1);
      // Assess: Ellie and Ava keep their places' answers; the worry about Finn alone is now about every child.
      expect(left.concernsAbout).toEqual({ 'missing-reported': ['0', '1'] });
      expect(leaving).toEqual({
        screening: true,
        worries: [
          'The child may be being sexually exploited, for example given gifts, money, drugs or alcohol for sex',
        ],
      });
      expect(whatLeavesWith(three, 2).screening).toBe(false);
      // The remove page says so before anything is removed.
      const page = renderPage('referrer/remove.njk', { name: 'Finn Fictional', leaving } as never);
      expect(page).toContain('This will also remove:');
      expect(page).toContain('the risk assessment results you gave for Finn Fictional');
      expect(page).toMatch(/is about Finn Fictional only: it will then be about all the children/);
      expect(
        renderPage('referrer/remove.njk', { name: 'Ava Fictional', leaving: whatLeavesWith(three, 2) } as never),
      ).not.toContain('This will also remove');
    });
  });

  it('records when a missing child came back, in the referrer’s words, as the date and 24-hour time the return home interview runs from', () => {
    // The page is asked when the referrer chose going missing or exploitation (or domestic abuse).
    const page = findPage('screening', {})!;
    const post = (posted: Record<string, string>) =>
      answerPage(
        page,
        { concernAreas: ['exploitation'] },
        Object.fromEntries(Object.entries(posted).map(([k, v]) => [k, [v]])),
        now,
      );
    const back = post({
      'returnedOn-day': '29',
      'returnedOn-month': '11',
      'returnedOn-year': '2026',
      returnedTime: '9:30pm',
    });
    expect(back.errors).toEqual({});
    expect(back.answers.concerns).toMatchObject({ screening: { returnedOn: '2026-11-29', returnedTime: '21:30' } });
    expect(post({ 'returnedOn-day': '1', 'returnedOn-month': '12', 'returnedOn-year': '2026' }).errors).toEqual({
      returnedOn: 'Date the child came back or was found must be today or in the past',
    });
    expect(
      post({ 'returnedOn-day': '29', 'returnedOn-month': '11', 'returnedOn-year': '2026', returnedTime: 'teatime' })
        .errors,
    ).toEqual({ returnedTime: 'Enter the time the child came back as a 24-hour time, like 21:30' });
    expect(post({ returnedTime: '07:15' }).errors).toEqual({
      returnedTime: 'Enter the date the child came back, as well as the time',
    });
  });

  it('refuses a date of birth in the future for a born child', () => {
    expect(
      errorsFor(
        'children/0/details',
        child({ 'dateOfBirth-day': '1', 'dateOfBirth-month': '12', 'dateOfBirth-year': '2026' }),
      ),
    ).toEqual({
      dateOfBirth: 'Date of birth must be today or in the past',
    });
    expect(
      errorsFor(
        'children/0/details',
        child({ 'dateOfBirth-day': '30', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2026' }),
      ),
    ).toEqual({});
  });

  it('refuses a date of birth that makes the person 18 or over, with the message the API gives', () => {
    // Prepare and act: 30 November 2026, so 30 November 2008 is an 18th birthday today.
    const born = (d: string, m: string, y: string) =>
      errorsFor('children/0/details', child({ 'dateOfBirth-day': d, 'dateOfBirth-month': m, 'dateOfBirth-year': y }));
    // Assess
    expect(born('30', '11', '2008')).toEqual({
      dateOfBirth: 'Date of birth must make the child under 18. For someone aged 18 or over, contact adult social care',
    });
    expect(born('1', '12', '2008')).toEqual({});
  });

  it('accepts an expected date of delivery only within the next ten months', () => {
    const edd = (d: string, m: string, y: string) =>
      errorsFor(
        'children/0/details',
        child(
          { 'expectedDateOfDelivery-day': d, 'expectedDateOfDelivery-month': m, 'expectedDateOfDelivery-year': y },
          'no',
        ),
      );
    expect(edd('30', '9', '2027')).toEqual({});
    expect(edd('1', '10', '2027')).toEqual({
      expectedDateOfDelivery: 'Expected date of delivery must be before 1 October 2027',
    });
    expect(edd('29', '11', '2026')).toEqual({
      expectedDateOfDelivery: 'Expected date of delivery must be today or in the future',
    });
  });

  it('says which part of a date is missing, and refuses one that does not exist', () => {
    expect(errorsFor('children/0/details', child({ 'dateOfBirth-day': '4', 'dateOfBirth-year': '2017' }))).toEqual({
      dateOfBirth: 'Date of birth must include a month',
    });
    expect(
      errorsFor(
        'children/0/details',
        child({ 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2017' }),
      ),
    ).toEqual({ dateOfBirth: 'Date of birth must be a real date' });
    expect(
      errorsFor(
        'children/0/details',
        child({ 'dateOfBirth-day': '4', 'dateOfBirth-month': '5', 'dateOfBirth-year': '17' }),
      ),
    ).toEqual({ dateOfBirth: 'Year must include 4 numbers' });
  });

  it('stores a postcode the way it is written, with its space', () => {
    const answers = schoolNeglectViaForm([['concerns', { areas: 'something-else' }]]);
    expect((answers.children![0]!.address as { postcode: string }).postcode).toBe('ZZ1 1AA');
    expect(
      parseNotification({
        ...notificationInput(answers),
        children: [
          {
            ...(notificationInput(answers).children as object[])[0],
            address: { line1: '1 Sample Street', town: 'Exampleton', postcode: ' zz99  3ab' },
          },
        ],
      }),
    ).toMatchObject({
      ok: true,
      notification: { children: [{ address: { postcode: 'ZZ99 3AB' } }] },
    });
  });

  it('leaves a first language and interpreter need nobody gave unknown, instead of "English" and "no"', () => {
    const parsed = parseNotification(
      notificationInput(schoolNeglectViaForm([['concerns', { areas: 'something-else' }]])),
    );
    expect(parsed.ok && parsed.notification.children[0]).not.toHaveProperty('firstLanguage');
    expect(parsed.ok && parsed.notification.children[0]).not.toHaveProperty('interpreterNeeded');
  });

  it('names the field in check your answers errors instead of "This field is required"', () => {
    const pages = allPages({});
    expect(messageForPath({ path: 'expectation', message: 'This field is required' }, pages)).toBe(
      'Enter what you expect to happen',
    );
    expect(messageForPath({ path: 'children.1.gender', message: 'This field is required' }, pages)).toBe(
      "Select the child's gender",
    );
    expect(messageForPath({ path: 'consent', message: 'This field is required' }, pages)).toBe(
      'Select whether the family knows you are telling us and agrees',
    );
  });
});

describe('asking only what the referrer knows about a child', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  const details = (posted: Record<string, string>) =>
    answerPage(
      findPage('children/0/details', {})!,
      {},
      Object.fromEntries(Object.entries(posted).map(([k, v]) => [k, [v]])),
      now,
    );

  it('accepts a child known only by a description, with a rough age, and records no date of birth', () => {
    // Act
    const { answers, errors } = details({
      otherNames: 'The boy at number 5',
      born: 'yes-age-only',
      approximateAge: '8',
      gender: 'a',
    });
    // Assess
    expect(errors).toEqual({});
    expect(answers.children![0]).toMatchObject({ otherNames: 'The boy at number 5', approximateAge: 8 });
    expect(answers.children![0]).not.toHaveProperty('dateOfBirth');
  });

  it('accepts a born child whose age is not known at all', () => {
    expect(details({ firstName: 'Robin', born: 'yes-age-only', gender: 'c' }).errors).toEqual({});
  });

  it('needs some name for a born child, and none for an unborn baby', () => {
    expect(details({ born: 'yes-age-only', gender: 'c' }).errors).toEqual({
      firstName: "Enter the child's name, or what they are known as",
    });
    expect(
      details({
        born: 'no',
        'expectedDateOfDelivery-day': '1',
        'expectedDateOfDelivery-month': '3',
        'expectedDateOfDelivery-year': '2027',
        gender: 'c',
      }).errors,
    ).toEqual({});
  });

  it('says what is wrong with a rough age in words', () => {
    expect(details({ firstName: 'Robin', born: 'yes-age-only', approximateAge: 'ten', gender: 'c' }).errors).toEqual({
      approximateAge: 'Enter the approximate age as a whole number of years, like 8',
    });
    expect(details({ firstName: 'Robin', born: 'yes-age-only', approximateAge: '30', gender: 'c' }).errors).toEqual({
      approximateAge: 'Approximate age must be 17 or less',
    });
  });
});

describe('asking only what is needed about the referrer', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  const about = (kind: string, posted: Record<string, string>, before: Record<string, unknown> = {}) => {
    const answers = { referrerKind: kind, referrer: before };
    const result = answerPage(
      findPage('about-you', answers)!,
      answers,
      Object.fromEntries(Object.entries(posted).map(([k, v]) => [k, [v]])),
      now,
    );
    return { errors: result.errors, referrer: notificationInput(result.answers).referrer };
  };

  it('accepts an anonymous referrer with a phone number, or with nothing, and sends nothing typed before', () => {
    expect(
      about('anonymous', { phone: '01632 960 999' }, { name: 'Pat Neighbour', email: 'pat@mail.example' }),
    ).toEqual({ errors: {}, referrer: { agencyType: 'anonymous', phone: '01632 960 999' } });
    expect(about('anonymous', {})).toEqual({ errors: {}, referrer: { agencyType: 'anonymous', phone: undefined } });
  });

  it('asks a member of the public for a name and an email address or phone number, never an organisation', () => {
    expect(about('member-of-public', { name: 'Pat Neighbour', phone: '01632 960 456' })).toMatchObject({
      errors: {},
      referrer: { agencyType: 'member-of-public', name: 'Pat Neighbour' },
    });
    expect(about('member-of-public', { name: 'Pat Neighbour' }).errors).toEqual({
      phone: 'Enter an email address or a telephone number, so we can reach you',
    });
    expect(findPage('about-you', { referrerKind: 'family-member' })!.fields.map((f) => f.name)).not.toContain(
      'organisation',
    );
  });

  it('asks a professional for everything, and offers only organisations in the type list', () => {
    expect(about('professional', {}).errors).toMatchObject({
      name: 'Enter your full name',
      organisation: 'Enter your organisation',
      email: 'Enter your email address',
    });
    const types = findPage('about-you', { referrerKind: 'professional' })!
      .fields.find((f) => f.name === 'agencyType')!
      .options!.map((o) => o.value);
    expect(types).not.toEqual(expect.arrayContaining(['anonymous']));
    expect(types).not.toContain('member-of-public');
  });
});
