import { ladoSettings } from '../../shared/config';

/** The LADO pathway's settings, from the allegation functions' environment. */
const env = {
  ALLEGATIONS_TABLE: 'Allegations',
  LADO_PHONE: '01632 960 123',
  LADO_EMAIL: 'lado@exampleshire.example',
  ALLEGATION_RETENTION: '10,67,0',
};

describe("the LADO pathway's settings", () => {
  it('read how long allegation records are kept: ten years or to pension age if longer, and a malicious one not past its outcome', () => {
    expect(ladoSettings(env)).toMatchObject({
      ALLEGATIONS_TABLE: 'Allegations',
      ALLEGATION_RETENTION: { minimumYears: 10, pensionAge: 67, maliciousDays: 0 },
    });
  });

  it('name each setting that is wrong and why, so a misconfigured stage fails at once', () => {
    expect(() => ladoSettings({ ...env, LADO_EMAIL: 'not an address', ALLEGATION_RETENTION: '10 years' })).toThrow(
      'The LADO pathway is misconfigured: LADO_EMAIL: Invalid email address; ALLEGATION_RETENTION: Give ALLEGATION_RETENTION as minimumYears,pensionAge,maliciousDays',
    );
  });

  it('name a setting that is missing as not set', () => {
    const { ALLEGATIONS_TABLE: _missing, ...rest } = env;
    expect(() => ladoSettings(rest)).toThrow('The LADO pathway is misconfigured: ALLEGATIONS_TABLE is not set');
  });
});
