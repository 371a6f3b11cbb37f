import type { RuntimeConfig } from '../config';

/** An address on one of the area's secure domains (or a subdomain of one) may be sent detail about children. */
export const isSecureAddress = (address: string, config: Pick<RuntimeConfig, 'SECURE_EMAIL_DOMAINS'>): boolean => {
  const domain = address.split('@').pop()?.toLowerCase() ?? '';
  return config.SECURE_EMAIL_DOMAINS.some((secure) => domain === secure || domain.endsWith(`.${secure}`));
};
