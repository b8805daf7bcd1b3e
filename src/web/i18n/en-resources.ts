import { en } from "./en";
import { enExtra } from "./en-extra";

/** The English texts, loaded when English is chosen (i18n/index.ts). */
export const enResources = { ...en, ...enExtra };
