import type { DisplayWords } from './en.ts';

export const de: DisplayWords = {
  page: 'Projektor',
  heading: (group) => `${group}: Projektor`,
  group: 'Balintgruppe',
  groundRules: 'Unsere Grundregeln',
  soon: 'Die Sitzung beginnt gleich.',
  thanks: 'Vielen Dank.',
  until: (time) => `bis ${time}`,
  join: 'Auf dem Telefon teilnehmen',
  qr: 'QR-Code zum Mitverfolgen auf dem Telefon',
  follow: 'Auf dem Telefon mitverfolgen',
  fullScreen: 'Vollbild',
  awake: 'Bildschirm wach halten',
  awakeAndFill: 'Bildschirm wach halten und Vollbild',
  awakeWhy:
    'Sonst wird dieser Bildschirm womöglich mitten in der Sitzung dunkel. Ein Klick oder Tastendruck hier genügt.',
};
