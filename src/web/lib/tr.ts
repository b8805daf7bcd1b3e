import i18next from "../i18n";

/** `t` for keys built at run time (outside React components), as a plain string. */
export const tr = (key: string, options?: Record<string, unknown>): string =>
  (i18next.t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options);
