import type { AddressConfirmationOffer, ReferrerAddresses } from '../../shared/referrer/ports';

/** Confirmed referrer addresses and confirmation offers in memory, for unit tests. */
export const memoryReferrerAddresses = () => {
  const confirmed = new Map<string, string>();
  const offers = new Map<string, AddressConfirmationOffer>();
  const addresses: ReferrerAddresses = {
    isConfirmed: async (addressHash) => confirmed.has(addressHash),
    offer: async (tokenHash, offer) => void offers.set(tokenHash, offer),
    findOffer: async (tokenHash) => offers.get(tokenHash),
    confirm: async (addressHash, at) => void confirmed.set(addressHash, at),
  };
  return { addresses, confirmed, offers };
};
