/** The synthetic people's details a test typed in, none of which may appear in the system's logs. */
export function expectNoPersonalData(logs: string, personal: string[]): void {
  expect(logs.length).toBeGreaterThan(0);
  expect(personal.filter((value) => logs.includes(value))).toEqual([]);
}
