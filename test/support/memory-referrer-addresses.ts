import type { AddressConfirmations } from '../../shared/front-door/reindex';
import type { AddressConfirmationOffer, ReferrerAddresses } from '../../shared/referrer/ports';

/** Confirmed referrer addresses (with when each was confirmed) and confirmation offers in memory, for unit tests. */
export const memoryReferrerAddresses = () => {
  const confirmed = new Map<string, string>();
  const offers = new Map<string, AddressConfirmationOffer>();
  const addresses: ReferrerAddresses & AddressConfirmations = {
    isConfirmed: async (addressHash) => confirmed.has(addressHash),
    offer: async (tokenHash, offer) => void offers.set(tokenHash, { ...offer }),
    findOffer: async (tokenHash) => (offers.has(tokenHash) ? { ...offers.get(tokenHash)! } : undefined),
    confirm: async (addressHash, at) => void confirmed.set(addressHash, at),
    moveConfirmation: async (from, to) => {
      const at = confirmed.get(from);
      if (at === undefined) return false;
      confirmed.set(to, at);
      confirmed.delete(from);
      return true;
    },
  };
  return { addresses, confirmed, offers };
};
