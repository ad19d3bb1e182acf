import type { DisplayWords } from './en.ts';

export const hu: DisplayWords = {
  page: 'Kivetítő',
  heading: (group) => `${group}: kivetítő`,
  group: 'Bálint-csoport',
  groundRules: 'Alapszabályaink',
  soon: 'Az ülés hamarosan kezdődik.',
  thanks: 'Köszönjük.',
  until: (time) => `vége: ${time}`,
  join: 'Csatlakozás telefonról',
  qr: 'QR-kód a telefonos követéshez',
  follow: 'Kövesse a telefonján',
  fullScreen: 'Teljes képernyő',
  awake: 'Képernyő ébren tartása',
  awakeAndFill: 'Képernyő ébren tartása és teljes képernyő',
  awakeWhy:
    'Különben a képernyő az ülés közben elsötétülhet. Ehhez elég egy kattintás vagy egy billentyű itt.',
};
