import type { HomeWords } from './en.ts';

export const de: HomeWords = {
  notFound: {
    title: 'Seite nicht gefunden',
    body: 'Diese Adresse ist keine Seite des Balint Timers. Prüfen Sie den Link, oder beginnen Sie neu.',
  },
  lead: 'Ein ruhiger Zeitgeber für Balintgruppen. Der Laptop der Leitung führt durch die fünf Phasen, ein Projektor zeigt die verbleibende Zeit, und die Mitglieder folgen auf ihren Telefonen.',
  confidentialTitle: 'Vertraulich von Grund auf.',
  confidential:
    'Geben Sie hier nie Fallinhalte ein: keine Angaben zu Patienten, keine Notizen. Für den Fallgeber genügen ein Vorname oder Initialen, und alles wird gelöscht, wenn die Gruppe abläuft.',
  joinTitle: 'Als Mitglied teilnehmen',
  joinLead: 'Geben Sie den sechsstelligen Code vom Projektor ein.',
  joinCode: 'Gruppencode',
  join: 'Teilnehmen',
  malformed: 'Ein Gruppencode hat sechs Buchstaben und Ziffern, etwa K7M2QX.',
  missing: (code) =>
    `Keine Gruppe hat den Code ${code}. Vergleichen Sie ihn mit dem Projektor und versuchen Sie es erneut.`,
  limited: 'Zu viele Codes versucht. Warten Sie eine Minute und versuchen Sie es dann erneut.',
  unreachable: 'Der Server ist nicht erreichbar. Prüfen Sie die Verbindung.',
  checkFailed: 'Der Server konnte den Code nicht prüfen. Versuchen Sie es erneut.',
  continueTitle: 'Auf diesem Gerät fortsetzen',
  unnamed: 'Gruppe ohne Namen',
  standingGroup: 'feste Gruppe, jede Woche',
  standing: 'Eine feste Gruppe, die sich jede Woche trifft',
  standingHint:
    'Behält Woche für Woche denselben Code, Schlüssel und dieselben Links und führt eine Anwesenheitsliste (nur Namen und Daten, nie etwas über einen Fall) für Weiterbildungsnachweise.',
  created: (time) => `angelegt ${time}`,
  createTitle: 'Eine Gruppe anlegen',
  createLead:
    'Für die Leitung: Legen Sie die Länge der Phasen fest und öffnen Sie die Konsole, mit der Sie die Sitzung führen.',
  openCreate: 'Neue Gruppe anlegen',
  name: 'Name der Gruppe (freiwillig)',
  namePlaceholder: 'z. B. Hausärztegruppe Dienstag',
  language: 'Sprache der Gruppe',
  languageHint: 'Alle Bildschirme der Gruppe sprechen sie: Projektor, Telefone, Phasennamen.',
  lengths: 'Länge der Phasen in Minuten',
  remembered: 'Wie zuletzt auf diesem Gerät.',
  cases: 'Fälle in dieser Sitzung',
  sittingLength: (length: string) => `Insgesamt etwa ${length} mit diesen Längen.`,
  autoAdvance: 'Automatisch weiter, wenn die Zeit einer Phase um ist',
  autoAdvanceHint:
    'Standardmäßig aus: Ist die Zeit um, zählt die Uhr ruhig weiter, und niemand wird mitten im Satz unterbrochen. Sie gehen mit „Weiter“ voran. Auch eingeschaltet endet die letzte Phase nie von selbst.',
  badLengths: 'Jede Phase braucht eine Länge zwischen 1 Sekunde und 180 Minuten.',
  rateLimited:
    'Von hier wurden zu viele Gruppen angelegt. Warten Sie eine Weile und versuchen Sie es dann erneut.',
  createFailed: (status) =>
    `Der Server konnte die Gruppe nicht anlegen (${status}). Versuchen Sie es erneut.`,
  creating: 'Wird angelegt…',
  create: 'Gruppe anlegen und Konsole öffnen',
};
