/** This bundle's build id, compiled in by client/vite.config.ts ("dev" under the dev server). */
declare const __BALINT_BUILD__: string;
