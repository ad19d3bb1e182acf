import type { Language } from '@balint/shared';

const en = {
  summary: 'Cues',
  summaryChime: 'Cues: chime',
  panel: 'Cues on this projector',
  chime: 'Soft chime',
  pulse: 'Pulse on this screen',
  vibrate: 'Vibrate',
  minutes: (minutes: number) => `${minutes} min`,
  when: 'before each phase ends, and at time-up',
  needsTap: 'Sound needs one tap on this page before the browser lets it play: tap anywhere here.',
  ready: 'Chime ready.',
  onHere: 'On for this device only; the other screens stay as they are.',
  off: 'Off on this device. A chime needs one tap to unlock sound; other screens stay silent.',
  sample: 'Play a sample',
};

export type CueWords = typeof en;

/** The cue controls' words in each language (the projector's and, later, the console's). */
export const CUE_WORDS: Readonly<Record<Language, CueWords>> = {
  en,
  de: {
    summary: 'Signale',
    summaryChime: 'Signale: Klang',
    panel: 'Signale an diesem Projektor',
    chime: 'Sanfter Klang',
    pulse: 'Puls auf diesem Bildschirm',
    vibrate: 'Vibrieren',
    minutes: (minutes) => `${minutes} Min.`,
    when: 'vor dem Ende jeder Phase und wenn die Zeit um ist',
    needsTap:
      'Ton braucht einen Tipp auf dieser Seite, bevor der Browser ihn abspielt: Tippen Sie hier irgendwo.',
    ready: 'Klang bereit.',
    onHere: 'Nur auf diesem Gerät an; die anderen Bildschirme bleiben, wie sie sind.',
    off: 'Auf diesem Gerät aus. Ein Klang braucht einen Tipp, um Ton freizugeben; andere Bildschirme bleiben still.',
    sample: 'Probe abspielen',
  },
  hu: {
    summary: 'Jelzések',
    summaryChime: 'Jelzések: hangjelzés',
    panel: 'Jelzések ezen a kivetítőn',
    chime: 'Halk hangjelzés',
    pulse: 'Pulzálás ezen a képernyőn',
    vibrate: 'Rezgés',
    minutes: (minutes) => `${minutes} perc`,
    when: 'minden szakasz vége előtt és az idő lejártakor',
    needsTap:
      'A hanghoz egyszer meg kell érinteni ezt az oldalt, mielőtt a böngésző lejátssza: érintse meg itt bárhol.',
    ready: 'A hangjelzés kész.',
    onHere: 'Csak ezen az eszközön bekapcsolva; a többi képernyő marad, ahogy van.',
    off: 'Ezen az eszközön kikapcsolva. A hangjelzéshez egy érintés kell; a többi képernyő csendes marad.',
    sample: 'Minta lejátszása',
  },
};
