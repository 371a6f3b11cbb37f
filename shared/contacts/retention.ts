/**
 * Records about children are kept for the area's retention period and then deleted
 * (DynamoDB's time to live in AWS, the local runtime's sweep on a laptop). The clock starts
 * when each item is written, so an audit entry never expires before the contact it is about.
 */
export const expiryAfter = (isoTime: string, years: number): number => {
  const at = new Date(isoTime);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return Math.floor(at.getTime() / 1000);
};
