import { loadStageConfig, parseStageConfig } from '../../infra/config';
import { LOCAL_USERS, localUsersWithoutAgency } from '../../shared/auth/local-users';

/**
 * The local sign-in's partner users each belong to one of the local stage's agencies: a user of
 * an agency the stage does not have would see partner pages for an agency nobody can ask or
 * invite, so the configuration is refused when it is loaded, saying which user and which agency.
 */
describe("local partner users' agencies", () => {
  it('finds the partner users whose agency the stage does not have, and no one else', () => {
    // Prepare
    const users = [
      { id: 'dc.test', name: 'DC Test', roles: ['partner' as const], agency: 'police' },
      { id: 'officer.test', name: 'Officer Test', roles: ['partner' as const], agency: 'border-force' },
      { id: 'worker.test', name: 'Worker Test', roles: ['worker' as const] },
    ];
    // Act
    const without = localUsersWithoutAgency(['police', 'health'], users);
    // Assess
    expect(without.map((u) => u.id)).toEqual(['officer.test']);
  });

  it('accepts the local stage as shipped: every local partner user has an agency', () => {
    // Act
    const local = loadStageConfig('local');
    // Assess
    expect(localUsersWithoutAgency(local.agencies.map((a) => a.id))).toEqual([]);
    expect(LOCAL_USERS.some((u) => u.agency === 'probation')).toBe(true);
  });

  it('refuses a local stage without an agency a local user belongs to, naming the user and the agency', () => {
    // Prepare: the local stage with probation left out of its agencies.
    const local = JSON.parse(JSON.stringify(loadStageConfig('local')));
    local.agencies = local.agencies.filter((a: { id: string }) => a.id !== 'probation');
    local.meetings.themes = local.meetings.themes.map((t: { agencies: string[] }) => ({
      ...t,
      agencies: t.agencies.filter((a) => a !== 'probation'),
    }));
    // Act and assess
    expect(() => parseStageConfig(local, 'local.json')).toThrow(
      /local.json has errors:\n {2}- agencies: The local user rob.quinn is a partner from "probation", which is not one of the agencies/,
    );
    // Another stage has no local sign-in, so its agencies are its own business.
    expect(() => parseStageConfig({ ...local, stage: 'test' }, 'test.json')).not.toThrow();
  });
});
