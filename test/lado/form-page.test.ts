import { NotificationSchema } from '../../shared/notification';
import { answerPage, findPage, nextPage, notificationInput } from '../../shared/referrer/journey';
import { fill, schoolNeglectViaForm } from '../referrer/journey-support';

/** The web form's one page about an adult who works with children: what it adds to the notification. */
const base = () =>
  schoolNeglectViaForm([
    ['concerns', { areas: ['care'] }],
    ['concerns/care', { indicators: ['neglect-reported'] }],
  ]);
const now = new Date('2026-11-30T10:00:00Z');

describe('the form page about an adult who works with children', () => {
  it('comes after what has happened, and a referrer may pass it by', () => {
    // Prepare
    const answers = base();
    // Act
    const after = nextPage('what-happened', answers);
    // Assess
    expect(after).toBe('about-an-adult');
    expect(nextPage('about-an-adult', answers)).toBe('child-views');
    expect(NotificationSchema.parse(notificationInput(answers)).adultConcern).toBeUndefined();
  });

  it('turns a yes into the adultConcern the API takes, with the employer contact only when given', () => {
    // Prepare
    const answers = base();
    // Act
    const filled = fill(answers, [
      [
        'about-an-adult',
        {
          aboutAdult: 'yes',
          adultName: 'Alex Testperson',
          'adultDateOfBirth-day': '21',
          'adultDateOfBirth-month': '9',
          'adultDateOfBirth-year': '1985',
          adultRole: 'Class teacher',
          adultEmployer: 'Example Primary School',
          adultSector: 'education',
          stillWorking: 'yes',
          childNeedsContact: 'no',
        },
      ],
    ]);
    // Assess
    expect(NotificationSchema.parse(notificationInput(filled)).adultConcern).toEqual({
      name: 'Alex Testperson',
      dateOfBirth: '1985-09-21',
      role: 'Class teacher',
      employer: 'Example Primary School',
      sector: 'education',
      stillWorkingWithChildren: 'yes',
      childNeedsContact: false,
    });
  });

  it('asks for everything the LADO needs once the answer is yes, in GOV.UK words', () => {
    // Prepare
    const page = findPage('about-an-adult', base())!;
    // Act
    const { errors } = answerPage(page, base(), { aboutAdult: ['yes'], employerContactName: ['Jordan Sample'] }, now);
    // Assess
    expect(errors).toEqual({
      adultName: 'Enter their full name',
      adultRole: 'Enter their job or voluntary role',
      adultEmployer: 'Enter their employer or organisation',
      adultSector: 'Select the sector they work in',
      stillWorking: 'Select whether they are still working with children',
      employerContactEmail: 'Enter an email address in the correct format, like name@example.org',
      childNeedsContact: "Select yes if the child also needs help from children's social care",
    });
  });

  it('forgets the adult when the answer changes to no', () => {
    // Prepare
    const yes = fill(base(), [
      [
        'about-an-adult',
        {
          aboutAdult: 'yes',
          adultName: 'Alex Testperson',
          adultRole: 'Coach',
          adultEmployer: 'Example FC',
          adultSector: 'sport-and-leisure',
          stillWorking: 'not-known',
          childNeedsContact: 'yes',
        },
      ],
    ]);
    // Act
    const no = fill(yes, [['about-an-adult', { aboutAdult: 'no' }]]);
    // Assess
    expect(NotificationSchema.parse(notificationInput(no)).adultConcern).toBeUndefined();
  });
});
