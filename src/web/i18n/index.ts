import "dayjs/locale/sv";
import "dayjs/locale/en";
import dayjs from "dayjs";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { LANGUAGES, type Language } from "../../shared/roles";
import { en } from "./en";
import { enExtra } from "./en-extra";
import { sv } from "./sv";
import { svExtra } from "./sv-extra";

const STORAGE_KEY = "spelplan.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be unavailable (private mode); Swedish is the default.
  }
  return "sv";
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  dayjs.locale(language);
}

i18next.on("languageChanged", applyLanguage);

void i18next.use(initReactI18next).init({
  resources: { sv: { translation: { ...sv, ...svExtra } }, en: { translation: { ...en, ...enExtra } } },
  lng: initialLanguage(),
  fallbackLng: "sv",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
});
applyLanguage(i18next.language);

/** The language the UI shows now ("sv" unless English was chosen). */
export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : "sv";
}

/** Switches the UI language and remembers the choice in this browser. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // ignore: the choice then lasts for this page only
  }
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

export default i18next;
