import type { CarrierDefinition } from './carrier.js';

/** BRT (Bartolini), Italy. Its parcel numbers follow no published format, so none is checked. */
export const brt = {
  id: 'brt',
  name: 'BRT (Bartolini)',
  amazonCodes: [{ code: 'BRT' }, { code: 'Bartolini' }],
  aliases: ['BRT', 'Bartolini', 'BRT Bartolini', 'BRT Corriere Espresso'],
  families: [],
  trackingUrl: (n) => `https://vas.brt.it/vas/sped_det_show.hsm?referer=sped_numspe_par.htm&Nspediz=${encodeURIComponent(n)}`,
} satisfies CarrierDefinition;
