/** The match key the unit tests hash with: any key works, as long as one test uses one. */
export const TEST_MATCH_KEY = 'test-only-match-key-0123456789abcdef0123456789';
