import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured JSON logs. Callers log codes, roles and command types, never people's names. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'balint-server' } });
}

/** A logger that writes nothing, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
