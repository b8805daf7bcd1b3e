import "i18next";
import type { sv } from "./sv";
import type { svExtra } from "./sv-extra";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof sv & typeof svExtra };
  }
}
